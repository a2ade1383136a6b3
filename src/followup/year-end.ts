import { roleOf } from "./due-milestones.ts";
import type { AgencyView, MilestoneView, ReportView } from "./milestone-view.ts";

/**
 * The year-end account when the secretariat closes a plan year: per agency, the tasks it led
 * (one-off ones; recurring work has no "done") and which of them were reported done.
 */
export interface AgencyYearEnd {
  agency: AgencyView;
  done: MilestoneView[];
  notDone: MilestoneView[];
}

export interface YearEnd {
  year: number;
  agencies: AgencyYearEnd[];
  done: number;
  total: number;
}

export function yearEndSummary(year: number, milestones: MilestoneView[], agencies: AgencyView[], reports: ReportView[]): YearEnd {
  const doneKeys = new Set(reports.filter((report) => report.status === "done").map((report) => `${report.milestoneId}|${report.agencyId}`));
  const oneOff = milestones.filter((milestone) => milestone.year === year && !milestone.recurring).sort((a, b) => a.position - b.position);
  const rows: AgencyYearEnd[] = [];
  for (const agency of agencies) {
    const led = oneOff.filter((milestone) => roleOf(milestone, agency.id) === "lead");
    if (led.length === 0) continue;
    const done = led.filter((milestone) => doneKeys.has(`${milestone.id}|${agency.id}`));
    rows.push({ agency, done, notDone: led.filter((milestone) => !done.includes(milestone)) });
  }
  // Those with the most left undone first: what the secretariat and the leaders look at.
  rows.sort((a, b) => b.notDone.length - a.notDone.length || a.agency.name.localeCompare(b.agency.name, "vi"));
  return { year, agencies: rows, done: rows.reduce((sum, row) => sum + row.done.length, 0), total: rows.reduce((sum, row) => sum + row.done.length + row.notDone.length, 0) };
}
