import type { Translate } from "../i18n.ts";
import { AgencyReports } from "../followup/due-milestones.ts";
import { duePairs, monthFigures, sumAnswers } from "../followup/month-figures.ts";
import { formatAgencyStatus, formatMonthStatus, formatOverdue, formatSilentAgencies, type AgencyTaskRow } from "../messages/status-messages.ts";
import { ambiguousAgencyHtml } from "../messages/directory-messages.ts";
import { PlanModel } from "../../models/plan.ts";
import { localDate, periodKey, yearMonthAt, type YearMonth } from "../time/calendar.ts";
import { loadMilestoneViews, loadReportViews } from "./follow-up-data.ts";
import { findAgencies } from "./find-agencies.ts";
import { focalOfficersByAgency } from "./members.ts";
import { loadMonthFigures, loadOverdueTasks, periodsInUse } from "./month-figures-data.ts";

/** The secretariat's status views, each as HTML for a chat (the caller splits it to fit). */
export interface StatusQuery {
  now: Date;
  timeZone: string;
  t: Translate;
  /** The month asked about ("/tinhhinh 12/2026"); the current one when absent. */
  month?: YearMonth;
}

export async function monthStatusHtml({ now, timeZone, t, month: asked }: StatusQuery): Promise<string> {
  return formatMonthStatus(await loadMonthFigures(asked ?? yearMonthAt(now, timeZone)), t);
}

export async function agencyStatusHtml(query: StatusQuery & { agency: string }): Promise<string> {
  const { now, timeZone, t } = query;
  const found = await findAgencies(query.agency);
  if (found.length === 0) return t("status-agency-unknown", { query: query.agency });
  if (found.length > 1) {
    return ambiguousAgencyHtml(t, found);
  }
  const agency = found[0]!;
  const month = query.month ?? yearMonthAt(now, timeZone);
  const [milestones, inUse] = await Promise.all([loadMilestoneViews(month.year, agency.id), periodsInUse([periodKey(month)])]);
  const reports = await loadReportViews(month.year, month, { agencyId: agency.id });
  // The agency's month through the same figures as every view: its tasks one by one, and its state.
  const pairs = [...duePairs(milestones, [agency], month, new Map([[agency.id, new AgencyReports(reports)]]))];
  const rows: AgencyTaskRow[] = pairs
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1))
    .map(({ milestone, role, answer, report }) => ({ milestone, role, answer, percent: report?.percent ?? null, note: report?.note ?? "" }));
  const figures = monthFigures({ month, milestones, agencies: [agency], answers: sumAnswers(milestones, [agency], month, reports), inUse: inUse.has(periodKey(month)) });
  return formatAgencyStatus(figures.agencies[0]!, rows, month, t);
}

export async function silentAgenciesHtml({ now, timeZone, t, month: asked }: StatusQuery): Promise<string> {
  const [figures, officers] = await Promise.all([loadMonthFigures(asked ?? yearMonthAt(now, timeZone)), focalOfficersByAgency()]);
  return formatSilentAgencies(figures, t, officers);
}

/**
 * Overdue tasks of the current year and of every earlier year not yet closed by the
 * secretariat: on 2 January, December's unfinished work is still listed, marked with its year.
 */
export async function overdueHtml({ now, timeZone, t, month: asked }: StatusQuery): Promise<string> {
  const month = asked ?? yearMonthAt(now, timeZone);
  const today = asked ? `${periodKey(asked)}-31` : localDate(now, timeZone);
  const years = [...(await openEarlierYears(month.year)), month.year];
  const overdue = (await Promise.all(years.map((year) => loadOverdueTasks(month, today, year)))).flat();
  return formatOverdue(overdue, t, month.year);
}

/** Years before `year` whose plans are still followed up (not closed). */
async function openEarlierYears(year: number): Promise<number[]> {
  const years: number[] = await PlanModel.distinct("year", { status: "active", closedAt: null, year: { $lt: year } });
  return years.sort((a, b) => a - b);
}
