import { BSON, type Document } from "bson";

/**
 * MongoDB wire protocol framing: the legacy OP_QUERY/OP_REPLY pair that drivers still use for
 * the first handshake, and OP_MSG for everything else.
 * https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
 */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;

export interface IncomingMessage {
  requestId: number;
  opCode: number;
  /** The command document, with OP_MSG document sequences merged in by their identifier. */
  command: Document;
  /** The client asked for no reply (OP_MSG moreToCome). */
  noReply: boolean;
}

/** Bytes needed for the next whole message, or 0 when the length is not in the buffer yet. */
export function messageLength(buffer: Buffer): number {
  return buffer.length >= 4 ? buffer.readInt32LE(0) : 0;
}

function readCString(buffer: Buffer, offset: number): { value: string; next: number } {
  const end = buffer.indexOf(0, offset);
  return { value: buffer.toString("utf8", offset, end), next: end + 1 };
}

function readDocument(buffer: Buffer, offset: number): { document: Document; next: number } {
  const size = buffer.readInt32LE(offset);
  return { document: BSON.deserialize(buffer.subarray(offset, offset + size)), next: offset + size };
}

function decodeQuery(message: Buffer): Document {
  // flags (4), full collection name, numberToSkip (4), numberToReturn (4), query
  const { next } = readCString(message, HEADER_SIZE + 4);
  const { document } = readDocument(message, next + 8);
  // Legacy commands may wrap the command as { $query: {...}, $readPreference: ... }.
  return (document.$query as Document | undefined) ?? document;
}

function decodeMsg(message: Buffer): { command: Document; noReply: boolean } {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let offset = HEADER_SIZE + 4;
  let command: Document = {};
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const read = readDocument(message, offset);
      command = read.document;
      offset = read.next;
    } else {
      const sectionEnd = offset + message.readInt32LE(offset);
      const identifier = readCString(message, offset + 4);
      const documents: Document[] = [];
      let cursor = identifier.next;
      while (cursor < sectionEnd) {
        const read = readDocument(message, cursor);
        documents.push(read.document);
        cursor = read.next;
      }
      sequences.push([identifier.value, documents]);
      offset = sectionEnd;
    }
  }
  for (const [identifier, documents] of sequences) command[identifier] = documents;
  return { command, noReply: (flags & MORE_TO_COME) !== 0 };
}

export function decodeMessage(message: Buffer): IncomingMessage {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_QUERY) return { requestId, opCode, command: decodeQuery(message), noReply: false };
  if (opCode === OP_MSG) return { requestId, opCode, ...decodeMsg(message) };
  throw new Error(`Unsupported wire protocol opCode ${opCode}`);
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(HEADER_SIZE);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** The reply in the form the request came in: OP_REPLY to OP_QUERY, OP_MSG to OP_MSG. */
export function encodeReply(request: IncomingMessage, requestId: number, reply: Document): Buffer {
  const body = Buffer.from(BSON.serialize(reply));
  if (request.opCode === OP_QUERY) {
    // responseFlags (4), cursorID (8), startingFrom (4), numberReturned (4)
    const fields = Buffer.alloc(20);
    fields.writeInt32LE(1, 16);
    const length = HEADER_SIZE + fields.length + body.length;
    return Buffer.concat([header(length, requestId, request.requestId, OP_REPLY), fields, body]);
  }
  const flagsAndKind = Buffer.alloc(5);
  const length = HEADER_SIZE + flagsAndKind.length + body.length;
  return Buffer.concat([header(length, requestId, request.requestId, OP_MSG), flagsAndKind, body]);
}
