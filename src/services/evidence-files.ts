import { EvidenceFileModel } from "../../models/evidence-file.ts";
import { zaloFileUrl } from "../chat-networks.ts";

/** Evidence larger than this is refused: the officer is asked for a smaller photo. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export type KeptEvidence = { kept: true; storedFile: string | null } | { kept: false; reason: "unreadable" | "too-large" };

/**
 * Makes a piece of evidence last: a Telegram file id lasts as long as the bot, so it is kept as
 * it is; a photo sent on Zalo is fetched now and its bytes kept.
 */
export async function keepEvidence(fileId: string): Promise<KeptEvidence> {
  const url = zaloFileUrl(fileId);
  if (!url) return { kept: true, storedFile: null };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) return { kept: false, reason: "unreadable" };
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_EVIDENCE_BYTES) return { kept: false, reason: "too-large" };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_EVIDENCE_BYTES) return { kept: false, reason: "too-large" };
    const stored = await EvidenceFileModel.create({ bytes, mimeType: response.headers.get("content-type") ?? "image/jpeg", size: bytes.length, source: url });
    return { kept: true, storedFile: String(stored._id) };
  } catch {
    return { kept: false, reason: "unreadable" };
  }
}
