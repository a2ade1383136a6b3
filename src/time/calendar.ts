import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { localDateOf, localFields } from "./local-clock.ts";

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
  const { year, month } = localFields(instant, timeZone);
  return { year, month };
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
  return localDateOf(localFields(instant, timeZone));
}

/** "01/03/2018 08:00" in the province's time zone. */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format("DD/MM/YYYY HH:mm");
}

/** "15/11/2024" from "2024-11-15". */
export function formatCalendarDate(date: string): string {
  return date.split("-").reverse().join("/");
}

/**
 * Reads an instant given with an offset ("2018-03-01T08:00:00+07:00"), or a local time in
 * `timeZone` ("2018-03-01T08:00", "2018-03-01"). Null for anything else, and for dates that do
 * not exist: 30 February is refused, not rolled into March.
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  // ISO 8601 in its extended form: a date, a time with optional seconds and fraction, an optional offset (Z, ±hh, ±hh:mm, ±hhmm).
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", offset] = match;
  const date = dayjs.utc(`${year}-${month}-${day}`);
  if (!date.isValid() || date.format("YYYY-MM-DD") !== `${year}-${month}-${day}`) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const local = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  const zone = offset === undefined ? null : offset.toUpperCase() === "Z" ? "Z" : /^[+-]\d{2}$/.test(offset) ? `${offset}:00` : offset;
  const parsed = zone ? dayjs(`${local}${zone}`) : dayjs.tz(local, timeZone);
  if (!parsed.isValid()) return null;
  return new Date(parsed.valueOf() + Math.floor(Number(`0.${fraction || "0"}`) * 1000));
}

/**
 * A deadline as people type it: "30/11/2018" (the end of the working day, 17:00) or
 * "30/11/2018 09:30", in the province's time zone. Null when it is not a real date and time.
 */
export function readLocalDeadline(text: string, timeZone: string): Date | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year, hour, minute] = [match[1], match[2], match[3], match[4] ?? "17", match[5] ?? "00"].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = dayjs.tz(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`, timeZone);
  if (!local.isValid() || local.date() !== day || local.month() + 1 !== month) return null;
  return local.toDate();
}

/**
 * The local wall-clock time as a Date whose UTC fields carry it: what a spreadsheet cell should
 * hold, since Excel has no time zones and shows the stored time as it is.
 */
export function wallClock(instant: Date, timeZone: string): Date {
  const local = localFields(instant, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/** Local midnight at the start of the month `instant` falls in. */
export function startOfLocalMonth(instant: Date, timeZone: string): Date {
  return dayjs(instant).tz(timeZone).startOf("month").toDate();
}

/** "2026-02-02T08:00:00+07:00": an instant with the province's offset, for people and JSON alike. */
export function formatOffsetDateTime(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format("YYYY-MM-DDTHH:mm:ssZ");
}
