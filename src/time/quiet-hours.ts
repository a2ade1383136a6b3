import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { localClock } from "./local-clock.ts";
import { addDays } from "./local-dates.ts";
import type { WorkingCalendar } from "./working-calendar.ts";

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * When the bot may write to people on its own: on working days, outside the quiet hours
 * ("18:00-07:00"). A reply to someone who just wrote is never held; what the bot sends
 * unasked waits for the next open moment.
 */
export interface QuietHours {
  /** Minutes after local midnight when quiet starts, and when it ends. */
  startMinute: number;
  endMinute: number;
}

export function readQuietHours(text: string): QuietHours | null {
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return null;
  const quiet = { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 };
  return quiet.startMinute === quiet.endMinute ? null : quiet;
}

export function formatQuietHours(quiet: QuietHours): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return `${hhmm(quiet.startMinute)}-${hhmm(quiet.endMinute)}`;
}

function isQuietMinute(minute: number, quiet: QuietHours): boolean {
  return quiet.startMinute > quiet.endMinute
    ? minute >= quiet.startMinute || minute < quiet.endMinute
    : minute >= quiet.startMinute && minute < quiet.endMinute;
}

export interface SendRules {
  calendar: WorkingCalendar;
  quiet: QuietHours | null;
  timeZone: string;
}

/** Whether a message the bot sends unasked may go at `instant`. */
export function maySendAt(instant: Date, rules: SendRules): boolean {
  const local = localClock(instant, rules.timeZone);
  if (!rules.calendar.isWorkingDay(local.date)) return false;
  return rules.quiet === null || !isQuietMinute(local.minute, rules.quiet);
}

/** `instant` when a message may go then, else the first moment after it that is open. */
export function nextSendableInstant(instant: Date, rules: SendRules): Date {
  if (maySendAt(instant, rules)) return instant;
  const opening = rules.quiet?.endMinute ?? 0;
  const openingOn = (date: string) => dayjs.tz(`${date} 00:00`, rules.timeZone).add(opening, "minute").toDate();
  let date = localClock(instant, rules.timeZone).date;
  // Today's opening, if it is still ahead and today is worked; else the next working day's.
  if (rules.calendar.isWorkingDay(date) && openingOn(date) > instant && maySendAt(openingOn(date), rules)) return openingOn(date);
  for (let step = 0; step < 400; step++) {
    date = addDays(date, 1);
    if (rules.calendar.isWorkingDay(date)) return openingOn(date);
  }
  return instant;
}
