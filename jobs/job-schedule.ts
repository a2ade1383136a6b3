import { CronExpressionParser } from "cron-parser";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { localClock } from "../src/time/local-clock.ts";
import { datesBetween } from "../src/time/local-dates.ts";
import { maySendAt, type SendRules } from "../src/time/quiet-hours.ts";
import { JOB_NAMES, scheduleOf, type JobName, type Schedules } from "./job-names.ts";

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * When each job really runs: its cron schedule in the province's time zone, moved by the
 * working calendar. The scheduler runs exactly these occurrences and `jobs schedule` prints
 * them, so what a person checks beforehand is what happens.
 *
 * - monthly-push, reminders, weekly-digest: a day that is not worked moves to the next working
 *   day, at the same time (the push on the 1st goes on the first working day; a reminder on
 *   Sunday the 10th goes on Monday). Two landing on one day run once.
 * - daily-summary, escalation: only on working days (the next summary covers the days between).
 * - nomination-deadlines: hourly, when a message may be sent (working days, outside quiet
 *   hours), so a deadline's reminders and closing notice come in office time.
 */
export interface Occurrence {
  job: JobName;
  at: Date;
}

type Policy = "move-to-working-day" | "working-days-only" | "office-hours-only";

const POLICY: Record<JobName, Policy> = {
  "monthly-push": "move-to-working-day",
  reminders: "move-to-working-day",
  "weekly-digest": "move-to-working-day",
  "daily-summary": "working-days-only",
  escalation: "working-days-only",
  "nomination-deadlines": "office-hours-only",
};

/** How far back a moved occurrence can come from: longer than any run of days off (Tết). */
const MOVE_LOOKBACK_DAYS = 31;

function cronTimes(expression: string, after: Date, until: Date, timeZone: string): Date[] {
  const times: Date[] = [];
  const iterator = CronExpressionParser.parse(expression, { currentDate: after, endDate: until, tz: timeZone });
  while (iterator.hasNext()) times.push(iterator.next().toDate());
  return times;
}

/** The occurrences of one job after `from` up to and including `to`. */
export function jobOccurrences(job: JobName, from: Date, to: Date, schedules: Schedules, rules: SendRules): Occurrence[] {
  const expression = scheduleOf(job, schedules);
  const policy = POLICY[job];
  const inRange = (instant: Date) => instant > from && instant <= to;

  if (policy !== "move-to-working-day") {
    // Day by day, so that days off cost nothing: a year of an hourly check stays fast.
    const dayStart = (date: string) => dayjs.tz(`${date} 00:00`, rules.timeZone).toDate();
    const occurrences: Occurrence[] = [];
    const days = datesBetween(localClock(from, rules.timeZone).date, localClock(to, rules.timeZone).date);
    for (const date of days.filter((day) => rules.calendar.isWorkingDay(day))) {
      // Office hours: only the open part of the day is walked (quiet hours that wrap past midnight).
      const open = policy === "office-hours-only" && rules.quiet && rules.quiet.startMinute > rules.quiet.endMinute ? rules.quiet : null;
      const opening = dayStart(date).getTime() + (open ? open.endMinute * 60_000 : 0);
      const closing = open ? dayStart(date).getTime() + open.startMinute * 60_000 : dayjs(dayStart(date)).add(1, "day").valueOf();
      const start = new Date(Math.max(opening - 1, from.getTime()));
      const end = new Date(Math.min(closing - 1, to.getTime()));
      if (end <= start) continue;
      for (const at of cronTimes(expression, start, end, rules.timeZone)) {
        if (inRange(at) && (policy === "working-days-only" || maySendAt(at, rules))) occurrences.push({ job, at });
      }
    }
    return occurrences;
  }
  const lookback = dayjs(from).subtract(MOVE_LOOKBACK_DAYS, "day").toDate();
  const seenDays = new Set<string>();
  const occurrences: Occurrence[] = [];
  for (const nominal of cronTimes(expression, lookback, to, rules.timeZone)) {
    const local = localClock(nominal, rules.timeZone);
    const day = rules.calendar.workingDayFrom(local.date);
    if (seenDays.has(day)) continue;
    seenDays.add(day);
    const at = new Date(dayjs.tz(`${day} 00:00`, rules.timeZone).valueOf() + (nominal.getTime() - dayjs.tz(`${local.date} 00:00`, rules.timeZone).valueOf()));
    if (inRange(at)) occurrences.push({ job, at });
  }
  return occurrences;
}

/** Every job's occurrences in a range, in time order (jobs at the same minute in registry order). */
export function scheduleBetween(from: Date, to: Date, schedules: Schedules, rules: SendRules, jobs: readonly JobName[] = JOB_NAMES): Occurrence[] {
  return jobs
    .flatMap((job) => jobOccurrences(job, from, to, schedules, rules))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || JOB_NAMES.indexOf(a.job) - JOB_NAMES.indexOf(b.job));
}

/** The occurrence of `job` that follows `after`, within a year. */
export function nextOccurrenceOf(job: JobName, after: Date, schedules: Schedules, rules: SendRules): Occurrence | null {
  const horizon = dayjs(after).add(1, "year").toDate();
  let from = after;
  while (from < horizon) {
    const to = dayjs(from).add(40, "day").toDate();
    const found = jobOccurrences(job, from, to, schedules, rules)[0];
    if (found) return found;
    from = to;
  }
  return null;
}
