/** Reading the counts a focal officer types for a nomination round. */
export type CountReading = { ok: true; value: number } | { ok: false; problem: "negative" | "fraction" | "not-a-number" | "too-large" };

export const MAX_COUNT = 100_000;

export function readCount(text: string): CountReading {
  const cleaned = text.normalize("NFKC").trim().replace(/\s+/g, "");
  if (/^-\d+([.,]\d+)?$/.test(cleaned)) return { ok: false, problem: "negative" };
  if (/^\d+[.,]\d+$/.test(cleaned) || /^\d+\/\d+$/.test(cleaned)) {
    // "1.000" is a thousand in Vietnamese writing; "1,5" or "2.5" is a fraction.
    if (/^\d{1,3}([.,]\d{3})+$/.test(cleaned)) return within(Number(cleaned.replace(/[.,]/g, "")));
    return { ok: false, problem: "fraction" };
  }
  if (!/^\d+$/.test(cleaned)) return { ok: false, problem: "not-a-number" };
  return within(Number(cleaned));
}

function within(value: number): CountReading {
  return value > MAX_COUNT ? { ok: false, problem: "too-large" } : { ok: true, value };
}

/** Above this, the officer is asked to confirm: state honours are few, grassroots titles many. */
const UNUSUAL: Record<string, number> = { state: 5, government: 10, province: 50, grassroots: 500 };

export function isUnusuallyLarge(value: number, level: string): boolean {
  return value > (UNUSUAL[level] ?? 50);
}
