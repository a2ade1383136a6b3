import { compareMonths, periodKey, type YearMonth } from "../time/calendar.ts";
import type { AgencyRole, AnswerView, MilestoneView, ReportView } from "./milestone-view.ts";

/** What an agency must do in a month under the plan, and what it has not answered yet. */

/** The agency's part in a milestone: named as lead, named as coordinating, or concerned as every agency is. */
export function roleOf(milestone: MilestoneView, agencyId: string): AgencyRole | null {
  if (milestone.leadAgencyIds.includes(agencyId)) return "lead";
  if (milestone.coordinatingAgencyIds.includes(agencyId)) return "coordinating";
  if (milestone.allAgencies) return milestone.allAgenciesRole ?? "coordinating";
  return null;
}

export function isInWindow(milestone: MilestoneView, month: YearMonth): boolean {
  return milestone.year === month.year && milestone.months.includes(month.month);
}

/** The last month of a milestone's window, or null when the plan gives none. */
export function windowEnd(milestone: MilestoneView): YearMonth | null {
  const last = milestone.months.at(-1);
  return last === undefined ? null : { year: milestone.year, month: last };
}

export interface DueList {
  lead: MilestoneView[];
  coordinating: MilestoneView[];
}

const byPosition = (a: MilestoneView, b: MilestoneView) => a.position - b.position;

/** Milestones whose window includes `month` and that concern the agency, lead first. */
export function dueForAgency(milestones: MilestoneView[], agencyId: string, month: YearMonth): DueList {
  const due: DueList = { lead: [], coordinating: [] };
  for (const milestone of milestones) {
    if (!isInWindow(milestone, month)) continue;
    const role = roleOf(milestone, agencyId);
    if (role) due[role].push(milestone);
  }
  due.lead.sort(byPosition);
  due.coordinating.sort(byPosition);
  return due;
}

/** Reports of one agency, indexed for the questions below. */
export class AgencyReports<R extends AnswerView = ReportView> {
  private readonly byKey = new Map<string, R>();
  private readonly doneBefore = new Map<string, string>();

  constructor(reports: R[]) {
    for (const report of reports) {
      this.byKey.set(`${report.milestoneId}|${report.period}`, report);
      if (report.status === "done") {
        const earliest = this.doneBefore.get(report.milestoneId);
        if (!earliest || report.period < earliest) this.doneBefore.set(report.milestoneId, report.period);
      }
    }
  }

  for(milestoneId: string, period: string): R | undefined {
    return this.byKey.get(`${milestoneId}|${period}`);
  }

  /** Done in an earlier month: a one-off task finished needs no more answers. */
  finishedBefore(milestoneId: string, period: string): boolean {
    const done = this.doneBefore.get(milestoneId);
    return done !== undefined && done < period;
  }
}

/**
 * Due this month and not answered: no report for this month, and — unless the work recurs —
 * not reported done in an earlier month.
 */
export function unansweredForAgency(milestones: MilestoneView[], agencyId: string, month: YearMonth, reports: AgencyReports): DueList {
  const period = periodKey(month);
  const due = dueForAgency(milestones, agencyId, month);
  const open = (milestone: MilestoneView) =>
    !reports.for(milestone.id, period) && (milestone.recurring || !reports.finishedBefore(milestone.id, period));
  return { lead: due.lead.filter(open), coordinating: due.coordinating.filter(open) };
}

/** Still to do this month: due, and not already finished in an earlier month. */
export function pushListForAgency(milestones: MilestoneView[], agencyId: string, month: YearMonth, reports: AgencyReports): DueList {
  const period = periodKey(month);
  const due = dueForAgency(milestones, agencyId, month);
  const open = (milestone: MilestoneView) => milestone.recurring || !reports.finishedBefore(milestone.id, period);
  return { lead: due.lead.filter(open), coordinating: due.coordinating.filter(open) };
}

export function isEmpty(list: DueList): boolean {
  return list.lead.length === 0 && list.coordinating.length === 0;
}

/** True when `month` is past the milestone's window (or its due date is past `today`). */
export function isPastWindow(milestone: MilestoneView, month: YearMonth, today: string): boolean {
  if (milestone.due) return milestone.due < today;
  const end = windowEnd(milestone);
  return end !== null && !milestone.recurring && compareMonths(month, end) > 0;
}
