import { JobRunModel } from "../models/job-run.ts";
import { localDate, periodKey, yearMonthAt } from "../src/time/calendar.ts";
import { nextOccurrence } from "../src/time/cron-occurrences.ts";
import type { JobContext, JobResult } from "./job-context.ts";
import { runMonthlyPush } from "./monthly-push.ts";
import { runDailySummary } from "./daily-summary.ts";
import { runNominationDeadlines } from "./nomination-deadlines.ts";
import { runReminders } from "./reminders.ts";
import { runWeeklyDigest } from "./weekly-digest.ts";

/**
 * The scheduled jobs by name. Each run is recorded under its occurrence ("monthly-push:2018-03",
 * "reminders:2018-03-10"), which is what catch-up at start-up looks for.
 */
export const JOB_NAMES = ["monthly-push", "reminders", "nomination-deadlines", "daily-summary", "weekly-digest"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}

export interface Schedules {
  monthlyPush: string;
  reminders: string;
  nominationDeadlines: string;
  dailySummary: string;
  weeklyDigest: string;
}

export function scheduleOf(name: JobName, schedules: Schedules): string {
  const byName: Record<JobName, string> = {
    "monthly-push": schedules.monthlyPush,
    reminders: schedules.reminders,
    "nomination-deadlines": schedules.nominationDeadlines,
    "daily-summary": schedules.dailySummary,
    "weekly-digest": schedules.weeklyDigest,
  };
  return byName[name];
}

/** Jobs that, missed while the process was down, run at start-up (the hourly deadline check needs no catching up). */
const CATCH_UP: JobName[] = ["monthly-push", "reminders"];

export function occurrenceKey(name: JobName, asOf: Date, timeZone: string): string {
  if (name === "monthly-push") return `${name}:${periodKey(yearMonthAt(asOf, timeZone))}`;
  if (name === "nomination-deadlines") return `${name}:${asOf.toISOString().slice(0, 13)}`;
  return `${name}:${localDate(asOf, timeZone)}`;
}

/** Whether the reminder at `asOf` is the month's last: the next one falls in another month. */
export function isLastReminderOfMonth(asOf: Date, schedules: Schedules, timeZone: string): boolean {
  const next = nextOccurrence(schedules.reminders, asOf, timeZone);
  return periodKey(yearMonthAt(next, timeZone)) !== periodKey(yearMonthAt(asOf, timeZone));
}

export async function runJob(name: JobName, job: JobContext, schedules: Schedules): Promise<JobResult & { key: string }> {
  const key = occurrenceKey(name, job.asOf, job.timeZone);
  await JobRunModel.updateOne({ key }, { $setOnInsert: { key, job: name, asOf: job.asOf, startedAt: new Date() } }, { upsert: true });
  const runners: Record<JobName, () => Promise<JobResult>> = {
    "monthly-push": () => runMonthlyPush(job),
    reminders: () => runReminders({ ...job, lastOfMonth: isLastReminderOfMonth(job.asOf, schedules, job.timeZone) }),
    "nomination-deadlines": () => runNominationDeadlines(job),
    "daily-summary": () => runDailySummary(job),
    "weekly-digest": () => runWeeklyDigest(job),
  };
  const result = await runners[name]();
  await JobRunModel.updateOne({ key }, { $set: { finishedAt: new Date() }, $inc: { enqueued: result.enqueued } });
  return { key, ...result };
}

/** The occurrences missed while the process was down this month: run them now. */
export async function missedOccurrences(now: Date, schedules: Schedules, timeZone: string, previous: (cron: string) => Date): Promise<{ name: JobName; asOf: Date }[]> {
  const missed: { name: JobName; asOf: Date }[] = [];
  const thisMonth = periodKey(yearMonthAt(now, timeZone));
  for (const name of CATCH_UP) {
    const last = previous(scheduleOf(name, schedules));
    if (periodKey(yearMonthAt(last, timeZone)) !== thisMonth) continue;
    const done = await JobRunModel.findOne({ key: occurrenceKey(name, last, timeZone), finishedAt: { $ne: null } }).lean();
    if (!done) missed.push({ name, asOf: last });
  }
  return missed;
}
