import { AgencyReports, isEmpty, pushListForAgency } from "../src/followup/due-milestones.ts";
import { groupReportsByAgency } from "../src/followup/month-status.ts";
import { escapeHtml } from "../src/messages/html.ts";
import { loadMonthData } from "../src/services/follow-up-data.ts";
import { focalOfficersByAgency } from "../src/services/members.ts";
import { periodKey, yearMonthAt } from "../src/time/calendar.ts";
import type { JobContext, JobResult } from "./job-context.ts";
import { sendDueLists } from "./send-due-lists.ts";

/**
 * At the start of the month: each agency's focal officers get the milestones due this month
 * that their agency leads, coordinates, or that concern every agency. Agencies with nothing
 * due get nothing. Keys make a second run of the same month queue nothing.
 */
export async function runMonthlyPush(job: JobContext): Promise<JobResult> {
  const month = yearMonthAt(job.asOf, job.timeZone);
  const period = periodKey(month);
  const [data, officers] = await Promise.all([loadMonthData(month), focalOfficersByAgency()]);
  const reports = groupReportsByAgency(data.reports);
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  for (const agency of data.agencies) {
    const agencyOfficers = officers.get(agency.id) ?? [];
    if (agencyOfficers.length === 0) continue;
    const list = pushListForAgency(data.milestones, agency.id, month, reports.get(agency.id) ?? new AgencyReports([]));
    if (isEmpty(list)) continue;
    await sendDueLists(
      job,
      {
        officers: agencyOfficers,
        agency,
        list,
        period,
        purpose: "monthly-push",
        keyPrefix: `push:${period}`,
        heading: (locale) => job.translate(locale)("push-heading", { month: String(month.month), year: String(month.year), agency: escapeHtml(agency.name) }),
      },
      result,
    );
  }
  return result;
}
