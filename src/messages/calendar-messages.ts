import { bold, lines, trusted } from "./html.ts";
import type { Translate } from "../i18n.ts";
import { formatCalendarDate } from "../time/calendar.ts";
import { weekdayOf } from "../time/local-dates.ts";
import type { CalendarDay } from "../time/working-calendar.ts";

/** "17/02/2026 Thứ Ba     nghỉ — Tết Nguyên Đán": one day of the working calendar, for the CLI and chat. */
export function describeDay(day: CalendarDay, t: Translate, locale: "vi" | "en"): string {
  const weekday = t(`weekday-${weekdayOf(day.date)}`);
  const what = day.working ? t("calendar-worked") : t("calendar-off");
  const name = day.name ? ` — ${day.name[locale]}` : "";
  const changed = day.override ? ` ${t("calendar-announced")}` : "";
  return `${formatCalendarDate(day.date)} ${weekday.padEnd(9)} ${what}${name}${changed}`;
}

/** /lich: the year's notable days under a heading, then how to record what the government announced. */
export function calendarYearHtml(t: Translate, year: number, days: CalendarDay[], locale: "vi" | "en"): string {
  return lines(bold(trusted(t("calendar-heading", { year: String(year) }))), ...days.map((day) => describeDay(day, t, locale)), "", trusted(t("calendar-usage"))).html;
}
