import { localDate, parseInstant, readLocalDeadline } from "../time/calendar.ts";
import type { WorkingCalendar } from "../time/working-calendar.ts";

/**
 * A round's deadline as the secretariat gives it: a date ("30/11/2026", "30/11/2026 09:30") or a
 * number of working days from today ("trong 5 ngày làm việc", "5 working days"), which ends at
 * 17:00 on that working day, skipping weekends, holidays and announced days off.
 */
const WORKING_DAYS = /^\s*(?:trong\s+|within\s+)?(\d{1,2})\s+(?:ngày\s+làm\s+việc|working\s+days?)\s*$/iu;

export function readRoundDeadline(text: string, context: { now: Date; timeZone: string; calendar: WorkingCalendar }): Date | null {
  const days = WORKING_DAYS.exec(text.normalize("NFC"));
  if (!days) return readLocalDeadline(text, context.timeZone);
  const count = Number(days[1]);
  if (count < 1 || count > 60) return null;
  const day = context.calendar.addWorkingDays(localDate(context.now, context.timeZone), count);
  return parseInstant(`${day}T17:00:00`, context.timeZone);
}
