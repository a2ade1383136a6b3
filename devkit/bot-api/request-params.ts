import type { IncomingMessage } from "node:http";

/** A file a client uploaded: its name and bytes. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

function readMultipart(raw: Buffer, boundary: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString("utf8");
    const body = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    const fileName = /filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
    if (name) params[name] = fileName !== undefined ? ({ fileName, bytes: Buffer.from(body) } satisfies UploadedFile) : body.toString("utf8");
    start = next;
  }
  // Clients send the field as "attach://<id>" and the file under that id.
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" && value.startsWith("attach://")) params[key] = params[value.slice("attach://".length)];
  }
  return params;
}

function parseJsonFields(params: Record<string, unknown>): Record<string, unknown> {
  // Form-encoded and multipart requests carry objects (reply_markup …) as JSON strings.
  for (const key of ["reply_markup", "commands", "scope", "link_preview_options", "allowed_updates"]) {
    const value = params[key];
    if (typeof value === "string" && /^[[{]/.test(value.trim())) {
      try {
        params[key] = JSON.parse(value);
      } catch {
        // Left as sent: the method will refuse it.
      }
    }
  }
  return params;
}

/** The parameters of a Bot API call, from the query string and a JSON, form or multipart body. */
export async function readRequestParams(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers["content-type"] ?? "";
  const url = new URL(request.url ?? "/", "http://localhost");
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (raw.length === 0) return parseJsonFields(params);
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type)?.slice(1).find(Boolean) ?? "";
    return parseJsonFields({ ...params, ...readMultipart(raw, boundary) });
  }
  if (type.includes("application/json")) {
    const body: unknown = JSON.parse(raw.toString("utf8"));
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("the JSON body is not an object");
    return { ...params, ...(body as Record<string, unknown>) };
  }
  return parseJsonFields({ ...params, ...Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) });
}
