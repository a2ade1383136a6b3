import type { Translate } from "../i18n.ts";

/** "Tháng 2, 3", "Thường xuyên (cả năm)", "Hạn 15/11/2024": a milestone's window in words. */
export function describeMonths(window: { months: number[]; recurring: boolean; due: string | null }, t: Translate): string {
  if (window.due) return t("time-due", { date: window.due.split("-").reverse().join("/") });
  if (window.recurring && window.months.length === 12) return t("time-all-year");
  if (window.months.length === 0) return t("time-none");
  return t("time-months", { months: window.months.join(", ") });
}
