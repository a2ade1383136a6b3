import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

/**
 * Calendar dates as the secretariat writes them in data, "2026-02-17": no time, no zone. Days
 * are counted in UTC so that adding one never meets a daylight-saving edge of the server.
 */
export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): value is LocalDate {
  const match = DATE.exec(value);
  if (!match) return false;
  const parsed = dayjs.utc(value);
  return parsed.isValid() && parsed.format("YYYY-MM-DD") === value;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dayjs.utc(date).add(days, "day").format("YYYY-MM-DD");
}

/** 0 for Sunday … 6 for Saturday. */
export function weekdayOf(date: LocalDate): number {
  return dayjs.utc(date).day();
}

export function isWeekend(date: LocalDate): boolean {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/**
 * A date as people type it: "03/09/2026", "3/9/2026", "2026-09-03". Null when it is no real
 * date (31/02 is refused, not rolled over into March).
 */
export function readLocalDate(text: string): LocalDate | null {
  const trimmed = text.trim();
  if (isLocalDate(trimmed)) return trimmed;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return null;
  const date = `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
  return isLocalDate(date) ? date : null;
}
