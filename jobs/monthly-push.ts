import { pushListForAgency } from "../src/followup/due-milestones.ts";
import { loadMonthData } from "../src/services/follow-up-data.ts";
import { reachableOfficers } from "../src/services/members.ts";
import { localDate, periodKey, yearMonthAt } from "../src/time/calendar.ts";
import type { JobContext, JobResult } from "./job-context.ts";
import { sendDueListRound } from "./send-due-lists.ts";

/**
 * At the start of the month: each agency's focal officers get the milestones due this month
 * that their agency leads, coordinates, or that concern every agency. Agencies with nothing
 * due get nothing. Keys make a second run of the same month queue nothing.
 */
export async function runMonthlyPush(job: JobContext): Promise<JobResult> {
  const month = yearMonthAt(job.asOf, job.timeZone);
  const [data, { officers, allAway }] = await Promise.all([loadMonthData(month), reachableOfficers(localDate(job.asOf, job.timeZone))]);
  return sendDueListRound(job, {
    month,
    data,
    officers,
    allAway,
    pick: (agencyId, reports) => pushListForAgency(data.milestones, agencyId, month, reports),
    purpose: "monthly-push",
    keyPrefix: `push:${periodKey(month)}`,
    headingKey: "push-heading",
  });
}
