import { createHash } from "node:crypto";

/** The networks a chat can be on, told apart by the chat's number alone. */
export type Network = "telegram" | "zalo";

export function networkOf(chatId: number | undefined | null): Network {
  return isZaloChatId(chatId) ? "zalo" : "telegram";
}

/**
 * Zalo's ids are strings; the bot's features speak Telegram's numeric chat ids. A Zalo chat gets
 * a number of its own above 2^52, where no Telegram id lies (Telegram's have at most 52
 * significant bits), so every layer can tell the two networks apart by the number alone.
 */
export const ZALO_ID_BASE = 2 ** 52;

export function isZaloChatId(chatId: number | string | undefined | null): boolean {
  const id = Number(chatId);
  return Number.isSafeInteger(id) && id >= ZALO_ID_BASE;
}

/** A stable number for a string id: the chat's, or an update's (so a delivery seen twice is one update). */
export function numberForZaloId(zaloId: string, salt = 0): number {
  const digest = createHash("sha256").update(`${salt}:${zaloId}`).digest();
  // 52 bits of the digest, above the base: a safe integer below 2^53.
  const high = digest.readUIntBE(0, 3) & 0x0fffff;
  const low = digest.readUIntBE(3, 4);
  return ZALO_ID_BASE + high * 2 ** 32 + low;
}

/** A button press read from a Zalo reply: its callback id says which chat any answer goes to. */
export function zaloCallbackId(chatId: number, updateId: number): string {
  return `zalo:${chatId}:${updateId}`;
}

export function chatOfZaloCallback(id: unknown): number | null {
  const match = /^zalo:(\d+):/.exec(String(id ?? ""));
  return match ? Number(match[1]) : null;
}

/** Files sent on Zalo are addressed by URL; the bot sees them as file ids that carry it. */
const FILE_PREFIX = "zalo-file:";

export function zaloFileId(url: string): string {
  return FILE_PREFIX + Buffer.from(url, "utf8").toString("base64url");
}

export function zaloFileUrl(fileId: string): string | null {
  if (!fileId.startsWith(FILE_PREFIX)) return null;
  return Buffer.from(fileId.slice(FILE_PREFIX.length), "base64url").toString("utf8");
}
