/**
 * How the local servers hand out a file someone uploaded: always as a download, never as a page.
 * An uploaded .html served inline as text/html runs its script on the sandbox's own origin (it ran
 * the monthly push); so the type is only ever a raster image or application/octet-stream, the
 * browser may not guess another (nosniff), and the file is an attachment. An <img> still shows
 * a photo.
 */
const IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export function safeType(mimeType: string): string {
  const type = mimeType.split(";")[0]!.trim().toLowerCase();
  return IMAGES.has(type) ? type : "application/octet-stream";
}

export function downloadHeaders(fileName: string, mimeType: string): Record<string, string> {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "file";
  return {
    "content-type": safeType(mimeType),
    "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "no-store",
  };
}
