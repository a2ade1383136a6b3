import type { Api } from "grammy";

/**
 * Fetches a file a person sent the bot, from Telegram (or the local Bot API server), reading at
 * most `maxBytes`: the size Telegram states is checked first, and the download stops at the
 * limit whatever the server says.
 */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`over ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

export async function downloadTelegramFile(api: Api, fileId: string, maxBytes: number, apiRoot: string): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if ((file.file_size ?? 0) > maxBytes) throw new FileTooLargeError(maxBytes);
  if (!file.file_path) throw new Error("Telegram gave no path for the file");
  const response = await fetch(`${apiRoot}/file/bot${api.token}/${file.file_path}`, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok || !response.body) throw new Error(`download failed: ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    // Leaving the loop cancels the rest of the download.
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
