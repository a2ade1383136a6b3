import type { Translate } from "../i18n.ts";
import { compareMonths, type YearMonth } from "../time/calendar.ts";
import { monthsBetween } from "../followup/month-figures.ts";

/**
 * The months a periodic report covers, and how the report names them: "6 tháng đầu năm 2026",
 * "quý II năm 2026", "năm 2026". A range is refused with the reason when it is empty, longer
 * than a year, reaches past the current month, or holds months of a year without a plan.
 */
export const MAX_REPORT_MONTHS = 12;

export type RangeProblem =
  | { key: "doc-error-range-empty"; params: { from: string; to: string } }
  | { key: "doc-error-range-too-long"; params: { count: number; max: number } }
  | { key: "doc-error-range-future"; params: { month: string } }
  | { key: "doc-error-no-plan"; params: { year: string } };

export const monthLabel = ({ year, month }: YearMonth) => `${month}/${year}`;

/** The months from `from` to `to`, or why there is no report for them. */
export function checkReportRange(from: YearMonth, to: YearMonth, current: YearMonth, planYears: number[]): { months: YearMonth[] } | { problem: RangeProblem } {
  if (compareMonths(from, to) > 0) return { problem: { key: "doc-error-range-empty", params: { from: monthLabel(from), to: monthLabel(to) } } };
  const months = monthsBetween(from, to);
  if (months.length > MAX_REPORT_MONTHS) return { problem: { key: "doc-error-range-too-long", params: { count: months.length, max: MAX_REPORT_MONTHS } } };
  if (compareMonths(to, current) > 0) return { problem: { key: "doc-error-range-future", params: { month: monthLabel(to) } } };
  const missing = [...new Set(months.map((month) => month.year))].find((year) => !planYears.includes(year));
  if (missing !== undefined) return { problem: { key: "doc-error-no-plan", params: { year: String(missing) } } };
  return { months };
}

const ROMAN = ["I", "II", "III", "IV"];

/** The period in the words of a report's summary line. */
export function describePeriod(from: YearMonth, to: YearMonth, t: Translate): string {
  const year = String(to.year);
  if (from.year !== to.year) return t("doc-period-range-years", { from: monthLabel(from), to: monthLabel(to) });
  if (from.month === 1 && to.month === 12) return t("doc-period-year", { year });
  if (from.month === 1 && to.month === 6) return t("doc-period-first-half", { year });
  if (from.month === 7 && to.month === 12) return t("doc-period-second-half", { year });
  if ((from.month - 1) % 3 === 0 && to.month === from.month + 2) return t("doc-period-quarter", { quarter: ROMAN[(from.month - 1) / 3]!, year });
  if (from.month === to.month) return t("doc-period-month", { month: String(from.month), year });
  if (from.month === 1) return t("doc-period-first-months", { count: to.month, year });
  return t("doc-period-range", { from: String(from.month), to: String(to.month), year });
}

export type RangeWords = { from: YearMonth; to: YearMonth } | { usage: true } | { badMonth: string };

/**
 * The range after /baocaoky: "1/2026 6/2026" (from, to), "3/2026" (one month), "2026" (the year,
 * up to the current month when it is this year). `readMonth` reads each month as the other
 * commands do.
 */
export function readRangeWords(words: string[], current: YearMonth, readMonth: (text: string) => YearMonth | null): RangeWords {
  if (words.length === 1 && /^\d{4}$/.test(words[0]!)) {
    const year = Number(words[0]);
    return { from: { year, month: 1 }, to: { year, month: year === current.year ? current.month : 12 } };
  }
  if (words.length === 0 || words.length > 2) return { usage: true };
  const months = words.map((word) => ({ word, month: readMonth(word) }));
  const bad = months.find((entry) => entry.month === null);
  if (bad) return { badMonth: bad.word };
  return { from: months[0]!.month!, to: months.at(-1)!.month! };
}
