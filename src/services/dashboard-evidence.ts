import { Types } from "mongoose";
import { EvidenceFileModel } from "../../models/evidence-file.ts";
import { zaloFileUrl } from "../chat-networks.ts";
import type { EvidenceRecord } from "./dashboard-data.ts";
import { MAX_EVIDENCE_BYTES } from "./evidence-files.ts";

/**
 * The bytes of a piece of evidence, wherever dondoc keeps it: a Zalo photo's bytes were kept
 * with the report (Zalo's address may have stopped working); a Telegram file is fetched through
 * the bot (getFile), as Telegram keeps it for the bot for good.
 */
export interface EvidenceBytes {
  bytes: Buffer;
  mimeType: string;
}

/** What the bytes are, for a browser to show: Telegram's photos carry no type of their own. */
function sniff(bytes: Buffer, declared: string | null): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  if (bytes.subarray(0, 4).toString("latin1") === "\x89PNG") return "image/png";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  // Anything else goes as a download: a browser must not run what a person uploaded.
  return declared === "application/pdf" ? declared : "application/octet-stream";
}

export async function readEvidence(record: EvidenceRecord, telegramFile: (fileId: string) => Promise<Buffer>): Promise<EvidenceBytes | null> {
  try {
    if (record.storedFile && Types.ObjectId.isValid(record.storedFile)) {
      const stored = await EvidenceFileModel.findById(record.storedFile).lean();
      if (stored) {
        const bytes = Buffer.from(stored.bytes.buffer ?? stored.bytes);
        return { bytes, mimeType: sniff(bytes, stored.mimeType ?? null) };
      }
    }
    const zalo = zaloFileUrl(record.fileId);
    if (zalo) {
      const response = await fetch(zalo, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok) return null;
      const bytes = Buffer.from(await response.arrayBuffer());
      return bytes.length > MAX_EVIDENCE_BYTES ? null : { bytes, mimeType: sniff(bytes, record.mimeType) };
    }
    const bytes = await telegramFile(record.fileId);
    return { bytes, mimeType: sniff(bytes, record.mimeType) };
  } catch {
    return null;
  }
}
