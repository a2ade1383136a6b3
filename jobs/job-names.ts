/** The scheduled jobs by name, as `jobs run` and `jobs schedule` take them, and their cron settings. */
export const JOB_NAMES = ["monthly-push", "reminders", "escalation", "nomination-deadlines", "daily-summary", "weekly-digest"] as const;
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
  escalation: string;
}

export function scheduleOf(name: JobName, schedules: Schedules): string {
  const byName: Record<JobName, string> = {
    "monthly-push": schedules.monthlyPush,
    reminders: schedules.reminders,
    "nomination-deadlines": schedules.nominationDeadlines,
    "daily-summary": schedules.dailySummary,
    "weekly-digest": schedules.weeklyDigest,
    escalation: schedules.escalation,
  };
  return byName[name];
}
