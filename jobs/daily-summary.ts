import { AgencyModel } from "../models/agency.ts";
import { NominationReportModel } from "../models/nomination-report.ts";
import { ProgressReportModel } from "../models/progress-report.ts";
import { dailySummaryHtml } from "../src/messages/daily-summary-message.ts";
import { splitMessage } from "../src/messages/split-message.ts";
import { enqueueMessage } from "../src/outbox/enqueue.ts";
import { countFailedSince } from "../src/services/failed-deliveries.ts";
import { loadMonthFigures, loadOverdueTasks } from "../src/services/month-figures-data.ts";
import { secretariatChatId } from "../src/services/secretariat-chat.ts";
import { localDate, parseInstant, yearMonthAt } from "../src/time/calendar.ts";
import type { JobContext, JobResult } from "./job-context.ts";

/**
 * 17:00 on working days with activity: the secretariat group gets what came in since the last
 * summary (a weekend's reports come with Monday's), what is now overdue, and how many agencies have
 * reported this month, partly or not at all. A quiet day sends nothing.
 */
export async function runDailySummary(job: JobContext, previousSummary: Date | null = null): Promise<JobResult> {
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  const day = localDate(job.asOf, job.timeZone);
  const start = previousSummary ? new Date(previousSummary.getTime() + 1) : parseInstant(`${day}T00:00:00`, job.timeZone)!;
  const window = { $gte: start, $lte: job.asOf };
  const [progress, nominations] = await Promise.all([
    ProgressReportModel.find({ "versions.reportedAt": window }).lean(),
    NominationReportModel.find({ "versions.submittedAt": window }).lean(),
  ]);
  const todayProgress = progress.flatMap((report) => report.versions.filter((v) => v.reportedAt >= start && v.reportedAt <= job.asOf).map(() => String(report.agency)));
  const todayNominations = nominations.flatMap((report) => report.versions.filter((v) => v.submittedAt >= start && v.submittedAt <= job.asOf).map(() => String(report.agency)));
  if (todayProgress.length + todayNominations.length === 0) return result;
  const chatId = await secretariatChatId(job.configuredSecretariatChatId);
  if (chatId === null) return result;

  const t = job.translate(job.defaultLocale);
  const month = yearMonthAt(job.asOf, job.timeZone);
  const [overdue, figures] = await Promise.all([loadOverdueTasks(month, day), loadMonthFigures(month)]);
  const { totals } = figures;
  const names = new Map((await AgencyModel.find({ _id: { $in: [...todayProgress, ...todayNominations] } }).lean()).map((a) => [String(a._id), a.name]));
  const perAgency = new Map<string, number>();
  for (const id of todayProgress) perAgency.set(id, (perAgency.get(id) ?? 0) + 1);
  const failed = await countFailedSince(start);
  const html = dailySummaryHtml(t, {
    date: day.split("-").reverse().join("/"),
    progressReports: todayProgress.length,
    nominationReports: todayNominations.length,
    perAgency: [...perAgency].map(([id, count]) => ({ name: names.get(id) ?? id, count })),
    overdue: overdue.length,
    reporting: { reported: totals.reported, owing: totals.owing, partly: totals.partly, notReported: totals.notReported },
    failedDeliveries: failed,
  });
  for (const [index, part] of splitMessage(html).entries()) {
    if (await enqueueMessage({ key: `daily:${day}:${index}`, chatId, text: part, purpose: "daily-summary", notBefore: job.asOf })) result.enqueued++;
    else result.alreadyQueued++;
  }
  return result;
}
