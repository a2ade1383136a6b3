import { AgencyReports, dueForAgency, roleOf, unansweredForAgency } from "../followup/due-milestones.ts";
import { taskShown, type MilestoneView } from "../followup/milestone-view.ts";
import { parsePeriod } from "../time/calendar.ts";
import { loadMilestoneViews, loadReportViews } from "./follow-up-data.ts";

/** What a focal officer may report on: the agency's own milestones, this month's first. */
export interface ReportChoice {
  id: string;
  row: string | null;
  text: string;
  months: number[];
  recurring: boolean;
  due: string | null;
  role: "lead" | "coordinating";
  dueThisMonth: boolean;
  /** The agency's latest answer for this month, if any. */
  current: { status: string; percent: number } | null;
}

function toChoice(milestone: MilestoneView, role: "lead" | "coordinating", dueThisMonth: boolean, reports: AgencyReports, period: string): ReportChoice {
  const report = reports.for(milestone.id, period);
  return {
    ...taskShown(milestone),
    role,
    dueThisMonth,
    current: report ? { status: report.status, percent: report.percent } : null,
  };
}

export async function loadReportChoices(agencyId: string, period: string): Promise<ReportChoice[]> {
  const month = parsePeriod(period);
  if (!month) return [];
  const milestones = await loadMilestoneViews(month.year, agencyId);
  const reports = new AgencyReports(await loadReportViews(month.year, month, { agencyId }));
  const due = dueForAgency(milestones, agencyId, month);
  const dueIds = new Set([...due.lead, ...due.coordinating].map((m) => m.id));
  const first = [...due.lead.map((m) => toChoice(m, "lead", true, reports, period)), ...due.coordinating.map((m) => toChoice(m, "coordinating", true, reports, period))];
  const others = milestones
    .filter((m) => !dueIds.has(m.id))
    .map((m) => ({ m, role: roleOf(m, agencyId) }))
    .filter((x): x is { m: MilestoneView; role: "lead" | "coordinating" } => x.role !== null)
    .sort((a, b) => a.m.position - b.m.position)
    .map(({ m, role }) => toChoice(m, role, false, reports, period));
  return [...first, ...others];
}

/**
 * What a dialogue keeps of the choices: its log holds them and is written at every answer, so
 * only what it can show — the task named (a button, a reply about one task), else those a reply
 * listed, else all.
 */
export function choicesKept(all: ReportChoice[], named: string | null | undefined, listed: string[] | null | undefined): ReportChoice[] {
  const offered = listed?.length ? all.filter((choice) => listed.includes(choice.id)) : all;
  const chosen = offered.find((choice) => choice.id === named);
  return chosen ? [chosen] : offered;
}

/** How many of the agency's milestones due in each period have no answer yet. */
export async function unansweredCounts(agencyId: string, periods: string[]): Promise<{ period: string; unanswered: number }[]> {
  const counts: { period: string; unanswered: number }[] = [];
  for (const period of periods) {
    const month = parsePeriod(period);
    if (!month) continue;
    const milestones = await loadMilestoneViews(month.year, agencyId);
    const reports = new AgencyReports(await loadReportViews(month.year, month, { agencyId }));
    const open = unansweredForAgency(milestones, agencyId, month, reports);
    counts.push({ period, unanswered: open.lead.length + open.coordinating.length });
  }
  return counts;
}
