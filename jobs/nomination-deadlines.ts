import { NominationReportModel } from "../models/nomination-report.ts";
import { NominationRoundModel } from "../models/nomination-round.ts";
import { closeAtDeadline, sendRoundMessages } from "../src/services/round-notices.ts";
import type { JobContext, JobResult } from "./job-context.ts";

/**
 * Checked every hour: three days and one day before a round's deadline, agencies that have not
 * submitted are reminded (once each); at the deadline the round closes and the secretariat
 * group learns who is missing.
 */
const DAY = 86_400_000;
const REMINDERS = [
  { days: 3, suffix: "3d" },
  { days: 1, suffix: "1d" },
];

export async function runNominationDeadlines(job: JobContext): Promise<JobResult> {
  const context = { now: job.asOf, timeZone: job.timeZone, defaultLocale: job.defaultLocale, configuredSecretariatChatId: job.configuredSecretariatChatId, translate: job.translate };
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  const rounds = await NominationRoundModel.find({ status: "open" }).lean();
  for (const round of rounds) {
    if (round.deadline <= job.asOf) {
      result.enqueued += await closeAtDeadline(round, context);
      continue;
    }
    const left = round.deadline.getTime() - job.asOf.getTime();
    // The nearest reminder whose time has come; keys make each one go once.
    const due = REMINDERS.filter((reminder) => left <= reminder.days * DAY).at(-1);
    if (!due) continue;
    const submitted = new Set((await NominationReportModel.find({ round: round._id }).select({ agency: 1 }).lean()).map((r) => String(r.agency)));
    const silent = round.agencies.map(String).filter((id) => !submitted.has(id));
    // Keyed by the deadline too: extending a round arms its reminders again for the new one.
    result.enqueued += await sendRoundMessages(round, context, "round-reminder", `${due.suffix}:${round.deadline.getTime()}`, silent);
  }
  return result;
}
