import { compareMonths, parsePeriod, periodKey, yearMonthAt, type YearMonth } from "../time/calendar.ts";

/**
 * The one rule for which months may still be reported on: the current month and the
 * `count - 1` before it (by default December stays open through January). A button, a reply
 * to a reminder, /baocao and the final confirmation all ask this, so no way in is stricter or
 * looser than another, across the year boundary too.
 */
export function reportablePeriods(now: Date, timeZone: string, count: number): string[] {
  const current = yearMonthAt(now, timeZone);
  const periods: string[] = [];
  for (let back = 0; back < count; back++) periods.push(periodKey(monthsBefore(current, back)));
  return periods;
}

export function isReportable(period: string, now: Date, timeZone: string, count: number): boolean {
  return parsePeriod(period) !== null && reportablePeriods(now, timeZone, count).includes(period);
}

export function monthsBefore(month: YearMonth, count: number): YearMonth {
  const index = month.year * 12 + (month.month - 1) - count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Whether `period` is later than the current month (a forged or clock-skewed button). */
export function isFuture(period: string, now: Date, timeZone: string): boolean {
  const month = parsePeriod(period);
  return month !== null && compareMonths(month, yearMonthAt(now, timeZone)) > 0;
}

/**
 * A month as people type it after a command: "12/2026", "T12/2026", "tháng 12/2026",
 * "2026-12". Null when it is no month.
 */
export function readMonth(text: string): YearMonth | null {
  const trimmed = text.trim().toLowerCase().replace(/^(tháng|thang|t)\s*/u, "");
  const slash = /^(\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (slash) {
    const month = Number(slash[1]);
    return month >= 1 && month <= 12 ? { year: Number(slash[2]), month } : null;
  }
  return parsePeriod(trimmed);
}
