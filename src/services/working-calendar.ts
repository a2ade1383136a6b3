import { CalendarDayModel } from "../../models/calendar-day.ts";
import type { Config } from "../config.ts";
import type { LocalDate } from "../time/local-dates.ts";
import type { SendRules } from "../time/quiet-hours.ts";
import { readRoundDeadline } from "../nominations/deadline-input.ts";
import { WorkingCalendar, type CalendarOverride } from "../time/working-calendar.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { requireCleanName } from "../text/clean-text.ts";

/** The working calendar as the secretariat corrected it, read from MongoDB. */
export async function loadWorkingCalendar(): Promise<WorkingCalendar> {
  const days = await CalendarDayModel.find().lean();
  return new WorkingCalendar(days.map((day) => ({ date: day.date, kind: day.kind, name: day.name })));
}

export async function loadSendRules(config: Pick<Config, "timeZone" | "quietHours">): Promise<SendRules> {
  return { calendar: await loadWorkingCalendar(), quiet: config.quietHours, timeZone: config.timeZone };
}

/** Records what the government announced for a day; returns what the day was before. */
export async function setCalendarDay(requested: CalendarOverride, actor: Actor, now: Date): Promise<CalendarOverride | null> {
  // The day's name is shown to everyone who reads the calendar: refused when it hides something.
  const override = { ...requested, name: requireCleanName(requested.name) };
  const before = await CalendarDayModel.findOneAndUpdate(
    { date: override.date },
    { $set: { kind: override.kind, name: override.name } },
    { upsert: true, returnDocument: "before" },
  ).lean();
  await recordAudit(actor, "calendar.day-set", { kind: "calendar-day", id: override.date }, { kind: override.kind, name: override.name, before: before ? { kind: before.kind, name: before.name } : null }, now);
  return before ? { date: before.date, kind: before.kind, name: before.name } : null;
}

/** Puts a day back to what the statutory rules say; false when nothing was set for it. */
export async function clearCalendarDay(date: LocalDate, actor: Actor, now: Date): Promise<boolean> {
  const removed = await CalendarDayModel.findOneAndDelete({ date }).lean();
  if (!removed) return false;
  await recordAudit(actor, "calendar.day-cleared", { kind: "calendar-day", id: date }, { kind: removed.kind, name: removed.name }, now);
  return true;
}

/** A round's deadline typed as a date or as working days from `now`, read against the calendar in force. */
export async function readDeadlineWithCalendar(text: string, now: Date, timeZone: string): Promise<Date | null> {
  return readRoundDeadline(text, { now, timeZone, calendar: await loadWorkingCalendar() });
}
