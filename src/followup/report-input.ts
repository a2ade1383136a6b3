/** Reading what a focal officer types in the progress conversation. */
export const NOTE_LIMIT = 1000;

export type PercentReading = { ok: true; value: number } | { ok: false; problem: "not-a-number" | "out-of-range" };

/** "50", "50%", " 75 % " → a whole percent from 0 to 100. */
export function readPercent(text: string): PercentReading {
  const match = /^\s*(-?\d{1,4})\s*%?\s*$/.exec(text.normalize("NFKC"));
  if (!match) return { ok: false, problem: "not-a-number" };
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? { ok: true, value } : { ok: false, problem: "out-of-range" };
}

const DONE_WORDS = /^(đã\s*)?(xong|hoàn\s*thành|hoàn\s*tất)\b|^done\b|^finished\b|^completed\b/i;

/** A reply such as "Đã xong" to a reminder says the work is done. */
export function meansDone(text: string): boolean {
  return DONE_WORDS.test(text.trim().normalize("NFC"));
}
