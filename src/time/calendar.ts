import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Months as the secretariat counts them: in the province's time zone (Asia/Ho_Chi_Minh),
 * never in the server's. A period is the month reported on, written "2018-03".
 */
export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

export interface YearMonth {
  year: number;
  month: number;
}

export function yearMonthAt(instant: Date, timeZone: string): YearMonth {
  const local = dayjs(instant).tz(timeZone);
  return { year: local.year(), month: local.month() + 1 };
}

export function periodKey({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function parsePeriod(key: string): YearMonth | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

/** Negative, zero or positive as `a` is before, the same as, or after `b`. */
export function compareMonths(a: YearMonth, b: YearMonth): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** The local calendar date, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format("YYYY-MM-DD");
}

/** "01/03/2018 08:00" in the province's time zone. */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format("DD/MM/YYYY HH:mm");
}

/** "15/11/2024" from "2024-11-15". */
export function formatCalendarDate(date: string): string {
  return date.split("-").reverse().join("/");
}

/** Reads an instant given with an offset ("2018-03-01T08:00:00+07:00"), or a local time in `timeZone`. */
export function parseInstant(text: string, timeZone: string): Date | null {
  const withOffset = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text);
  const parsed = withOffset ? dayjs(text) : dayjs.tz(text, timeZone);
  return parsed.isValid() ? parsed.toDate() : null;
}
