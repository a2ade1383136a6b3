import type { Translate } from "../i18n.ts";
import { AgencyReports, dueForAgency } from "../followup/due-milestones.ts";
import { answerOf, groupReportsByAgency, overdueMilestones, silentAgencies, tallyMonth } from "../followup/month-status.ts";
import { formatAgencyStatus, formatMonthStatus, formatOverdue, formatSilentAgencies } from "../messages/status-messages.ts";
import { ambiguousAgencyHtml } from "../messages/directory-messages.ts";
import { PlanModel } from "../../models/plan.ts";
import { localDate, periodKey, yearMonthAt, type YearMonth } from "../time/calendar.ts";
import { loadMonthData } from "./follow-up-data.ts";
import { findAgencies } from "./find-agencies.ts";
import { focalOfficersByAgency } from "./members.ts";

/** The secretariat's status views, each as HTML for a chat (the caller splits it to fit). */
export interface StatusQuery {
  now: Date;
  timeZone: string;
  t: Translate;
  /** The month asked about ("/tinhhinh 12/2026"); the current one when absent. */
  month?: YearMonth;
}

export async function monthStatusHtml({ now, timeZone, t, month: asked }: StatusQuery): Promise<string> {
  const month = asked ?? yearMonthAt(now, timeZone);
  const data = await loadMonthData(month);
  return formatMonthStatus(tallyMonth(data.milestones, data.agencies, month, groupReportsByAgency(data.reports)), month, t);
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
  const period = periodKey(month);
  const data = await loadMonthData(month);
  const reports = new AgencyReports(data.reports.filter((r) => r.agencyId === agency.id));
  const due = dueForAgency(data.milestones, agency.id, month);
  const rows = [...due.lead.map((m) => ({ m, role: "lead" as const })), ...due.coordinating.map((m) => ({ m, role: "coordinating" as const }))].map(({ m, role }) => {
    const report = reports.for(m.id, period);
    return { milestone: m, role, answer: answerOf(m, agency.id, period, reports), percent: report?.percent ?? null, note: report?.note ?? "" };
  });
  return formatAgencyStatus(agency, rows, month, t);
}

export async function silentAgenciesHtml({ now, timeZone, t, month: asked }: StatusQuery): Promise<string> {
  const month = asked ?? yearMonthAt(now, timeZone);
  const [data, officers] = await Promise.all([loadMonthData(month), focalOfficersByAgency()]);
  return formatSilentAgencies(silentAgencies(data.milestones, data.agencies, month, groupReportsByAgency(data.reports)), month, t, officers);
}

/**
 * Overdue milestones of the current year and of every earlier year not yet closed by the
 * secretariat: on 2 January, December's unfinished work is still listed, marked with its year.
 */
export async function overdueHtml({ now, timeZone, t, month: asked }: StatusQuery): Promise<string> {
  const month = asked ?? yearMonthAt(now, timeZone);
  const today = asked ? `${periodKey(asked)}-31` : localDate(now, timeZone);
  const years = [...(await openEarlierYears(month.year)), month.year];
  const overdue = [];
  for (const year of years) {
    const data = await loadMonthData(year === month.year ? month : { year, month: 12 }, "year");
    overdue.push(...overdueMilestones(data.milestones, data.agencies, month, today, data.reports));
  }
  return formatOverdue(overdue, t, month.year);
}

/** Years before `year` whose plans are still followed up (not closed). */
async function openEarlierYears(year: number): Promise<number[]> {
  const years: number[] = await PlanModel.distinct("year", { status: "active", closedAt: null, year: { $lt: year } });
  return years.sort((a, b) => a - b);
}
