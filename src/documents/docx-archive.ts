import { inflateRawSync } from "node:zlib";
import { DOCUMENT_LIMITS, DocumentProblem, megabytes, type DocumentLimits } from "./document-limits.ts";

/**
 * A .docx is a zip archive. Before any Word reader touches it, every part is unpacked here with
 * a ceiling on its size, so a zip bomb (a few KB that unpack to gigabytes) or an archive that
 * lies about its sizes is refused after at most the limit's worth of work. The XML parts come
 * back as text for the next check (docx-shape.ts).
 */
export interface DocxParts {
  /** Every .xml and .rels part, unpacked, by name. */
  xml: Map<string, string>;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** "Not a Word file dondoc can read": the sentence a plan sender already knows. */
const unreadable = () => new DocumentProblem("plan-doc-unreadable");

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes, followed by a comment of at most 65,535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  throw unreadable();
}

export function unpackDocx(bytes: Buffer, limits: DocumentLimits = DOCUMENT_LIMITS): DocxParts {
  if (bytes.length < 22) throw unreadable();
  const end = findEndOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count > limits.zipEntries) throw new DocumentProblem("document-too-many-parts", { max: limits.zipEntries });
  const xml = new Map<string, string>();
  let total = 0;
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw unreadable();
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const declaredSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    // Encrypted parts, and compression Word never uses: not a Word file this reader can open.
    if (flags & 1 || (method !== STORED && method !== DEFLATED)) throw unreadable();
    const isXml = /\.(xml|rels)$/i.test(name);
    const partLimit = isXml ? limits.xmlPartBytes : limits.zipEntryBytes;
    const ceiling = Math.min(partLimit, limits.zipTotalBytes - total);
    const tooLarge = () =>
      ceiling === partLimit ? new DocumentProblem("document-part-too-large", { max: megabytes(partLimit) }) : new DocumentProblem("document-unpacks-too-large", { max: megabytes(limits.zipTotalBytes) });
    if (declaredSize > ceiling) throw tooLarge();

    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL_HEADER) throw unreadable();
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + compressedSize > bytes.length) throw unreadable();
    const packed = bytes.subarray(start, start + compressedSize);
    const unpacked = method === STORED ? packed : inflate(packed, ceiling);
    if (unpacked === null || unpacked.length > ceiling) throw tooLarge();
    // A part larger than its archive says is a crafted file: no Word writer does that.
    if (unpacked.length !== declaredSize) throw unreadable();
    total += unpacked.length;
    if (isXml) xml.set(name, unpacked.toString("utf8"));
  }
  return { xml };
}

/** Unpacks at most `ceiling` bytes (null past that): zlib stops there, so the ceiling is all a bomb costs. */
function inflate(packed: Buffer, ceiling: number): Buffer | null {
  try {
    return inflateRawSync(packed, { maxOutputLength: Math.max(1, ceiling) });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw unreadable();
  }
}
