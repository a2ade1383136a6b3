import { DashboardKeyModel } from "../../models/dashboard-key.ts";
import { newSecret } from "../dashboard/signed-token.ts";

/**
 * The secrets that sign the dashboard's links and sessions. They come from nowhere but dondoc:
 * a random 32-byte secret made on first need and kept in MongoDB, so every instance signs and
 * checks with the same one. A new one is made every KEY_PERIOD_DAYS; a token is checked with the
 * key it names, which must be the current one or the one before, so a secret lives at most two
 * periods. `rotateDashboardKeys` (the CLI's `dashboard rotate-keys`) deletes them all: every link
 * and session stops working, on every instance within CACHE_MS.
 */
export const KEY_PERIOD_DAYS = 30;
const CACHE_MS = 60_000;

export const keyIdAt = (now: Date) => Math.floor(now.getTime() / (KEY_PERIOD_DAYS * 86_400_000));

let cache: { at: number; keys: Map<number, string> } | null = null;

async function loadKeys(): Promise<Map<number, string>> {
  const keys = await DashboardKeyModel.find({}, { kid: 1, secret: 1 }).lean();
  cache = { at: Date.now(), keys: new Map(keys.map((key) => [key.kid, key.secret])) };
  return cache.keys;
}

async function cachedKeys(): Promise<Map<number, string>> {
  return cache && Date.now() - cache.at < CACHE_MS ? cache.keys : loadKeys();
}

/** The key to sign with now: made (once, whichever instance comes first) when the period has none. */
export async function signingKey(now: Date): Promise<{ kid: number; secret: string }> {
  const kid = keyIdAt(now);
  const known = (await cachedKeys()).get(kid);
  if (known) return { kid, secret: known };
  await DashboardKeyModel.updateOne({ kid }, { $setOnInsert: { kid, secret: newSecret() } }, { upsert: true });
  // Keys older than the one before the current are of no use any more.
  await DashboardKeyModel.deleteMany({ kid: { $lt: kid - 1 } });
  const secret = (await loadKeys()).get(kid);
  if (!secret) throw new Error("the dashboard's signing key could not be stored");
  return { kid, secret };
}

/** The secret of key `kid` if it may still be used at `now`; null otherwise. */
export async function verifyingSecret(kid: number, now: Date, fresh = false): Promise<string | null> {
  const current = keyIdAt(now);
  if (kid !== current && kid !== current - 1) return null;
  return (fresh ? await loadKeys() : await cachedKeys()).get(kid) ?? null;
}

export async function rotateDashboardKeys(): Promise<number> {
  const { deletedCount } = await DashboardKeyModel.deleteMany({});
  cache = null;
  return deletedCount;
}

/** Forgets the cached keys (tests that empty the database between cases). */
export function forgetDashboardKeys(): void {
  cache = null;
}
