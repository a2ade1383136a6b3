import { JobRunModel } from "../models/job-run.ts";
import { localDate, parseInstant, periodKey, yearMonthAt } from "../src/time/calendar.ts";
import { loadWorkingCalendar } from "../src/services/working-calendar.ts";
import type { SendRules } from "../src/time/quiet-hours.ts";
import { jobOccurrences, nextOccurrenceOf } from "./job-schedule.ts";
import type { JobContext, JobResult } from "./job-context.ts";
import { runMonthlyPush } from "./monthly-push.ts";
import { runDailySummary } from "./daily-summary.ts";
import { runEscalation } from "./escalation.ts";
import { runNominationDeadlines } from "./nomination-deadlines.ts";
import { runReminders } from "./reminders.ts";
import { runWeeklyDigest } from "./weekly-digest.ts";

/**
 * Runs a job for one occurrence, recorded under its key ("monthly-push:2018-03",
 * "reminders:2018-03-12"): what makes re-runs and catch-up safe.
 */
import { JOB_NAMES, type JobName, type Schedules } from "./job-names.ts";

export { isJobName, JOB_NAMES, scheduleOf, type JobName, type Schedules } from "./job-names.ts";

export function occurrenceKey(name: JobName, asOf: Date, timeZone: string): string {
  if (name === "monthly-push") return `${name}:${periodKey(yearMonthAt(asOf, timeZone))}`;
  if (name === "nomination-deadlines") return `${name}:${asOf.toISOString().slice(0, 13)}`;
  return `${name}:${localDate(asOf, timeZone)}`;
}

/** Whether the reminder at `asOf` is the month's last: the next one, as really scheduled, falls in another month. */
export function isLastReminderOfMonth(asOf: Date, schedules: Schedules, rules: SendRules): boolean {
  const next = nextOccurrenceOf("reminders", asOf, schedules, rules);
  return next === null || periodKey(yearMonthAt(next.at, rules.timeZone)) !== periodKey(yearMonthAt(asOf, rules.timeZone));
}

export async function runJob(name: JobName, job: JobContext, schedules: Schedules): Promise<JobResult & { key: string }> {
  const key = occurrenceKey(name, job.asOf, job.timeZone);
  await JobRunModel.updateOne({ key }, { $setOnInsert: { key, job: name, asOf: job.asOf, startedAt: new Date() } }, { upsert: true });
  const rules: SendRules = { calendar: await loadWorkingCalendar(), quiet: job.quietHours, timeZone: job.timeZone };
  const runners: Record<JobName, () => Promise<JobResult>> = {
    "monthly-push": () => runMonthlyPush(job),
    reminders: () => runReminders({ ...job, lastOfMonth: isLastReminderOfMonth(job.asOf, schedules, rules) }),
    "nomination-deadlines": () => runNominationDeadlines(job),
    "daily-summary": () => runDailySummary(job, previousRun("daily-summary", job.asOf, schedules, rules)),
    "weekly-digest": () => runWeeklyDigest(job),
    escalation: () => runEscalation(job, schedules, rules),
  };
  const result = await runners[name]();
  await JobRunModel.updateOne({ key }, { $set: { finishedAt: new Date() }, $inc: { enqueued: result.enqueued } });
  return { key, ...result };
}

/** The job's last occurrence on a day before `asOf`'s (within six weeks), or null. */
function previousRun(name: JobName, asOf: Date, schedules: Schedules, rules: SendRules): Date | null {
  const from = new Date(asOf.getTime() - 42 * 86_400_000);
  const dayStart = parseInstant(`${localDate(asOf, rules.timeZone)}T00:00:00`, rules.timeZone)!;
  return jobOccurrences(name, from, new Date(dayStart.getTime() - 1), schedules, rules).at(-1)?.at ?? null;
}

export interface DueOccurrence {
  name: JobName;
  asOf: Date;
}

/**
 * The occurrences after `from` up to `to` that have not finished: what a tick of the scheduler
 * runs. At start-up `from` reaches back to the month's start for the push and the reminders.
 */
export async function unfinishedOccurrences(from: Date, to: Date, schedules: Schedules, rules: SendRules, jobs: readonly JobName[] = JOB_NAMES): Promise<DueOccurrence[]> {
  const due: DueOccurrence[] = [];
  for (const name of jobs) {
    for (const { at } of jobOccurrences(name, from, to, schedules, rules)) {
      const done = await JobRunModel.exists({ key: occurrenceKey(name, at, rules.timeZone), finishedAt: { $ne: null } });
      if (!done) due.push({ name, asOf: at });
    }
  }
  return due.sort((a, b) => a.asOf.getTime() - b.asOf.getTime());
}

/** Jobs that, missed while the process was down, run at start-up as far back as the month's start. */
export const CATCH_UP: readonly JobName[] = ["monthly-push", "reminders"];
