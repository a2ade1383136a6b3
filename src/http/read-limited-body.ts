import type { IncomingMessage } from "node:http";

/**
 * A request's body, or null when it is larger than `maxBytes`: refused on its stated length
 * before anything is read, and otherwise reading stops at the first byte too many.
 */
export async function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
