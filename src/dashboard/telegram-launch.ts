import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { validate } from "@telegram-apps/init-data-node";

/**
 * Who Telegram says opened the dashboard, checked exactly as Telegram documents it.
 *
 * - A Mini App (a Web App button in a private chat) gets launch data, `initData`: its `hash` is
 *   HMAC-SHA256 of the sorted "key=value" lines with the key HMAC-SHA256("WebAppData", bot token)
 *   (core.telegram.org/bots/webapps, "Validating data received via the Mini App"). The check is
 *   @telegram-apps/init-data-node's `validate`.
 * - A login button (`login_url`, for the secretariat's group, where Web App buttons are not
 *   allowed) adds the person's id, names, `auth_date` and `hash` to the address: the same lines,
 *   with the key SHA-256(bot token) (core.telegram.org/widgets/login, "Checking authorization").
 *
 * Both are fresh only for MAX_AGE_SECONDS after their `auth_date` (and not from the future): what
 * Telegram signs at the press of a button is used at once, to open a session.
 */
export const MAX_AGE_SECONDS = 15 * 60;
/** Clocks differ a little: launch data a minute "from the future" is still taken. */
const SKEW_SECONDS = 60;

export type LaunchReading = { ok: true; telegramUserId: number; authDate: number; hash: string } | { ok: false; reason: "forged" | "expired" };

function fresh(authDate: number, nowSeconds: number): boolean {
  return authDate <= nowSeconds + SKEW_SECONDS && nowSeconds - authDate <= MAX_AGE_SECONDS;
}

/** A Mini App's `Telegram.WebApp.initData`, as the page sends it. */
export function readInitData(initData: string, botToken: string, nowSeconds: number): LaunchReading {
  try {
    // Freshness is judged below on the dashboard's clock; the library checks the signature.
    validate(initData, botToken, { expiresIn: 0 });
  } catch {
    return { ok: false, reason: "forged" };
  }
  // Signed, so its fields are Telegram's: the person is `user.id`.
  const params = new URLSearchParams(initData);
  let userId: unknown;
  try {
    userId = (JSON.parse(params.get("user") ?? "null") as { id?: unknown } | null)?.id;
  } catch {
    return { ok: false, reason: "forged" };
  }
  const authDate = Number(params.get("auth_date"));
  if (!Number.isSafeInteger(userId) || (userId as number) <= 0 || !Number.isSafeInteger(authDate)) return { ok: false, reason: "forged" };
  if (!fresh(authDate, nowSeconds)) return { ok: false, reason: "expired" };
  return { ok: true, telegramUserId: userId as number, authDate, hash: params.get("hash")! };
}

/**
 * The query a login button added to the dashboard's address (`?id=…&auth_date=…&hash=…`): every
 * field but `hash` is signed, so the address the button opens carries no query of its own.
 */
export function readLoginQuery(query: string, botToken: string, nowSeconds: number): LaunchReading {
  const params = new URLSearchParams(query);
  const hash = params.get("hash") ?? "";
  const lines = [...params].filter(([key]) => key !== "hash").map(([key, value]) => `${key}=${value}`);
  if (!/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "forged" };
  const expected = createHmac("sha256", createHash("sha256").update(botToken).digest()).update(lines.sort().join("\n")).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "forged" };
  const id = Number(params.get("id"));
  const authDate = Number(params.get("auth_date"));
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(authDate)) return { ok: false, reason: "forged" };
  if (!fresh(authDate, nowSeconds)) return { ok: false, reason: "expired" };
  return { ok: true, telegramUserId: id, authDate, hash };
}
