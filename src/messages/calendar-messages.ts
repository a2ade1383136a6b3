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
