import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The dashboard's own credentials: a signed link the bot sends (for Zalo and a desk) and the
 * session a page holds after it has shown Telegram's launch data or such a link. A token is
 * `<kid>.<payload>.<mac>`: the payload in base64url JSON, the MAC an HMAC-SHA256 of the first two
 * parts with the secret numbered `kid`. Nothing in it is secret; it cannot be changed or made
 * without the secret, and it says when it stops working.
 */
export type TokenPurpose = "link" | "session";

export interface TokenClaims {
  purpose: TokenPurpose;
  /** The member it was made for. */
  memberId: string;
  /** Seconds since 1970 after which it is refused. */
  expiresAt: number;
  /** Random: two tokens are never the same, and a link's nonce marks it used. */
  nonce: string;
}

export type TokenReading = { ok: true; claims: TokenClaims; kid: number } | { ok: false; reason: "forged" | "expired" };

const mac = (secret: string, signed: string) => createHmac("sha256", Buffer.from(secret, "base64url")).update(signed).digest();

export function signToken(claims: Omit<TokenClaims, "nonce">, key: { kid: number; secret: string }): string {
  const payload = Buffer.from(JSON.stringify({ p: claims.purpose, m: claims.memberId, e: claims.expiresAt, n: randomBytes(9).toString("base64url") })).toString("base64url");
  const signed = `${key.kid}.${payload}`;
  return `${signed}.${mac(key.secret, signed).toString("base64url")}`;
}

/** The key number a token names, to find its secret; null when it is no token of ours. */
export function keyIdOf(token: string): number | null {
  const match = /^(\d{1,9})\.[A-Za-z0-9_-]{1,600}\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? Number(match[1]) : null;
}

/** Checks a token's MAC with the secret of its key and its expiry at `nowSeconds`. */
export function readToken(token: string, purpose: TokenPurpose, secret: string | null, nowSeconds: number): TokenReading {
  const kid = keyIdOf(token);
  if (kid === null || secret === null) return { ok: false, reason: "forged" };
  const [, payload, given] = token.split(".") as [string, string, string];
  const expected = mac(secret, `${kid}.${payload}`);
  const presented = Buffer.from(given, "base64url");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false, reason: "forged" };
  let parsed: { p?: unknown; m?: unknown; e?: unknown; n?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof parsed;
  } catch {
    return { ok: false, reason: "forged" };
  }
  if (parsed.p !== purpose || typeof parsed.m !== "string" || typeof parsed.e !== "number" || typeof parsed.n !== "string") return { ok: false, reason: "forged" };
  if (parsed.e < nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, kid, claims: { purpose, memberId: parsed.m, expiresAt: parsed.e, nonce: parsed.n } };
}

export const newSecret = () => randomBytes(32).toString("base64url");
