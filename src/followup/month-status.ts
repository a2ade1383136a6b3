import { periodKey, type YearMonth } from "../time/calendar.ts";
import { AgencyReports, isInWindow, isPastWindow, roleOf, unansweredForAgency, type DueList } from "./due-milestones.ts";
import type { AgencyView, MilestoneView, ProgressStatus, ReportView } from "./milestone-view.ts";

/** How a month stands: per milestone, per agency, and what is overdue. */

export type Answer = ProgressStatus | "silent";

export interface MilestoneTally {
  milestone: MilestoneView;
  counts: Record<Answer, number>;
  responsible: number;
}

export function groupReportsByAgency(reports: ReportView[]): Map<string, AgencyReports> {
  const grouped = new Map<string, ReportView[]>();
  for (const report of reports) {
    const list = grouped.get(report.agencyId);
    if (list) list.push(report);
    else grouped.set(report.agencyId, [report]);
  }
  return new Map([...grouped].map(([agencyId, list]) => [agencyId, new AgencyReports(list)]));
}

const NO_REPORTS = new AgencyReports([]);

export function responsibleAgencies(milestone: MilestoneView, agencies: AgencyView[]): AgencyView[] {
  return agencies.filter((agency) => roleOf(milestone, agency.id) !== null);
}

/** An agency's answer on a milestone this month; an earlier "done" still counts for one-off work. */
export function answerOf(milestone: MilestoneView, agencyId: string, period: string, reports: AgencyReports): Answer {
  const report = reports.for(milestone.id, period);
  if (report) return report.status;
  if (!milestone.recurring && reports.finishedBefore(milestone.id, period)) return "done";
  return "silent";
}

export function tallyMonth(milestones: MilestoneView[], agencies: AgencyView[], month: YearMonth, reports: Map<string, AgencyReports>): MilestoneTally[] {
  const period = periodKey(month);
  return milestones
    .filter((milestone) => isInWindow(milestone, month))
    .sort((a, b) => a.position - b.position)
    .map((milestone) => {
      const counts: Record<Answer, number> = { done: 0, "in-progress": 0, blocked: 0, "not-started": 0, silent: 0 };
      const responsible = responsibleAgencies(milestone, agencies);
      for (const agency of responsible) counts[answerOf(milestone, agency.id, period, reports.get(agency.id) ?? NO_REPORTS)]++;
      return { milestone, counts, responsible: responsible.length };
    });
}

export interface SilentAgency {
  agency: AgencyView;
  missing: DueList;
}

/** Agencies with milestones due this month and no answer on some of them. */
export function silentAgencies(milestones: MilestoneView[], agencies: AgencyView[], month: YearMonth, reports: Map<string, AgencyReports>): SilentAgency[] {
  return agencies
    .map((agency) => ({ agency, missing: unansweredForAgency(milestones, agency.id, month, reports.get(agency.id) ?? NO_REPORTS) }))
    .filter(({ missing }) => missing.lead.length + missing.coordinating.length > 0);
}

export interface OverdueMilestone {
  milestone: MilestoneView;
  /** Lead agencies that have not reported it done, with their last answer. */
  agencies: { agency: AgencyView; lastStatus: ProgressStatus | null }[];
}

/** Milestones whose window has closed without "Hoàn thành" from the agencies leading them. */
export function overdueMilestones(
  milestones: MilestoneView[],
  agencies: AgencyView[],
  month: YearMonth,
  today: string,
  reports: ReportView[],
): OverdueMilestone[] {
  const latest = new Map<string, ReportView>();
  const done = new Set<string>();
  for (const report of reports) {
    const key = `${report.milestoneId}|${report.agencyId}`;
    if (report.status === "done") done.add(key);
    const previous = latest.get(key);
    if (!previous || report.reportedAt > previous.reportedAt) latest.set(key, report);
  }
  const result: OverdueMilestone[] = [];
  for (const milestone of [...milestones].sort((a, b) => a.position - b.position)) {
    if (!isPastWindow(milestone, month, today)) continue;
    const leads = agencies.filter((agency) => roleOf(milestone, agency.id) === "lead");
    const late = leads
      .filter((agency) => !done.has(`${milestone.id}|${agency.id}`))
      .map((agency) => ({ agency, lastStatus: latest.get(`${milestone.id}|${agency.id}`)?.status ?? null }));
    if (late.length > 0) result.push({ milestone, agencies: late });
  }
  return result;
}
