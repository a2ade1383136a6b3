import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PublishedImageModel } from "../../models/published-image.ts";

/** How long a published chart can be opened: long enough for a leader who reads it days later. */
export const PUBLISHED_IMAGE_DAYS = 14;
const PATH = /^\/images\/([A-Za-z0-9_-]{32})\.png$/;

/** Publishes a PNG and returns its address under `baseUrl`. */
export async function publishImage(png: Uint8Array, baseUrl: string, now: Date): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await PublishedImageModel.create({ token, png: Buffer.from(png), expireAt: new Date(now.getTime() + PUBLISHED_IMAGE_DAYS * 86_400_000) });
  return `${baseUrl.replace(/\/+$/, "")}/images/${token}.png`;
}

/** Answers GET /images/<token>.png; false when the request is not for an image. */
export function servePublishedImage(request: IncomingMessage, response: ServerResponse, now: () => Date): boolean {
  const match = PATH.exec(new URL(request.url ?? "/", "http://localhost").pathname);
  if (!match) return false;
  void PublishedImageModel.findOne({ token: match[1], expireAt: { $gt: now() } })
    .lean()
    .then(
      (image) => {
        if (!image) {
          response.writeHead(404, { "content-type": "text/plain" });
          return response.end("Not Found");
        }
        response.writeHead(200, { "content-type": "image/png", "cache-control": "private, max-age=3600" });
        response.end(Buffer.from(image.png.buffer ?? image.png));
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  return true;
}
