import type { Api } from "grammy";

/** Fetches a file a person sent the bot, from Telegram (or the local Bot API server). */
export class FileTooLargeError extends Error {}

export async function downloadTelegramFile(api: Api, fileId: string, maxBytes: number, apiRoot: string): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("Telegram gave no path for the file");
  if ((file.file_size ?? 0) > maxBytes) throw new FileTooLargeError(String(file.file_size));
  const response = await fetch(`${apiRoot}/file/bot${api.token}/${file.file_path}`);
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new FileTooLargeError(String(bytes.length));
  return bytes;
}
