import type { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { activePlans } from "./active-plans.ts";
import { KeptWhileUnchanged } from "./kept-while-unchanged.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { isInWindow } from "../followup/due-milestones.ts";
import type { AgencyView, MilestoneView, ReportView } from "../followup/milestone-view.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";

/** Loads, as plain values, what the follow-up rules need for a month. */
export interface MonthData {
  milestones: MilestoneView[];
  agencies: AgencyView[];
  /** Reports of the plan year up to and including the month, as far as the scope asked. */
  reports: ReportView[];
}

const ids = (values: Types.ObjectId[] | undefined) => (values ?? []).map(String);

// Read by nearly every view and answer; plans and their tasks change a few times a year.
const keptMilestones = new KeptWhileUnchanged<MilestoneView[]>(["plans", "milestones"]);
const keptAgencies = new KeptWhileUnchanged<AgencyView[]>(["agencies"]);

/** The year's milestones in force; given an agency, only those that concern it. */
export async function loadMilestoneViews(year: number, agencyId?: string): Promise<MilestoneView[]> {
  const all = await keptMilestones.get(String(year), () => readMilestoneViews(year));
  return agencyId ? all.filter((milestone) => milestone.allAgencies || milestone.leadAgencyIds.includes(agencyId) || milestone.coordinatingAgencyIds.includes(agencyId)) : [...all];
}

async function readMilestoneViews(year: number): Promise<MilestoneView[]> {
  const plans = (await activePlans()).filter((plan) => plan.year === year);
  if (plans.length === 0) return [];
  const milestones = await MilestoneModel.find({ plan: { $in: plans.map((plan) => plan.id) }, retiredAt: null }, { units: 0, key: 0, createdAt: 0, updatedAt: 0 }).lean();
  const yearOf = new Map(plans.map((plan) => [plan.id, plan.year]));
  return milestones.map((m) => toMilestoneView(m, yearOf.get(String(m.plan)) ?? year));
}

type MilestoneDocument = Awaited<ReturnType<typeof MilestoneModel.findOne>> & object;

function toMilestoneView(m: Pick<MilestoneDocument, "_id" | "plan" | "row" | "position" | "text" | "months" | "recurring" | "due" | "leadAgencies" | "coordinatingAgencies" | "allAgencies" | "allAgenciesRole">, year: number): MilestoneView {
  return {
    id: String(m._id),
    planId: String(m.plan),
    year,
    row: m.row ?? null,
    position: m.position,
    text: m.text,
    months: m.months,
    recurring: m.recurring,
    due: m.due ?? null,
    leadAgencyIds: ids(m.leadAgencies),
    coordinatingAgencyIds: ids(m.coordinatingAgencies),
    allAgencies: m.allAgencies,
    allAgenciesRole: (m.allAgenciesRole as "lead" | "coordinating" | null | undefined) ?? null,
  };
}

/** The agencies of the directory (active), in its order. */
export async function loadAgencyViews(): Promise<AgencyView[]> {
  return [...(await keptAgencies.get("active", readAgencyViews))];
}

async function readAgencyViews(): Promise<AgencyView[]> {
  const agencies = await AgencyModel.find({ active: true }).sort({ bloc: 1, code: 1 }).lean();
  return agencies.map((agency) => ({ id: String(agency._id), code: agency.code, name: agency.name, bloc: agency.bloc ?? null }));
}

/**
 * Which reports a view needs: "month" is the month's own answers and the one-off tasks finished
 * earlier in the year (all that the push, reminders, /tinhhinh and /chuabaocao ask); "year" is
 * every report up to the month, for the views that want an agency's last answer (overdue work,
 * the year's close).
 */
export type ReportScope = "month" | "year";

/** The fields a view reads: never the versions, which only the audit and the export of one report need. */
const REPORT_VIEW_FIELDS = { milestone: 1, agency: 1, period: 1, status: 1, percent: 1, note: 1, reportedAt: 1 } as const;

export interface ReportFilter {
  agencyId?: string;
  /** Only reports on these milestones (a month's views need only the milestones in window). */
  milestones?: MilestoneView[];
  scope?: ReportScope;
}

export async function loadReportViews(year: number, upTo: YearMonth, options: ReportFilter = {}): Promise<ReportView[]> {
  const period = periodKey(upTo);
  const earlier = { $gte: `${year}-01`, $lt: period };
  const only = (milestones: MilestoneView[] | undefined) => (milestones ? { milestone: { $in: milestones.map((m) => m.id) } } : {});
  const filter: Record<string, unknown> =
    options.scope === "year"
      ? { period: { $gte: `${year}-01`, $lte: period }, ...only(options.milestones) }
      : // An earlier "done" matters only for one-off work: recurring work is answered every month.
        { $or: [{ period, ...only(options.milestones) }, { period: earlier, status: "done", ...only(options.milestones?.filter((m) => !m.recurring)) }] };
  if (options.agencyId) filter.agency = options.agencyId;
  const reports = await ProgressReportModel.find(filter, REPORT_VIEW_FIELDS).lean();
  return reports.map((report) => ({
    milestoneId: String(report.milestone),
    agencyId: String(report.agency),
    period: report.period,
    status: report.status,
    percent: report.percent,
    note: report.note ?? "",
    reportedAt: report.reportedAt,
  }));
}

export async function loadMonthData(month: YearMonth, scope: ReportScope = "month"): Promise<MonthData> {
  const [milestones, agencies] = await Promise.all([loadMilestoneViews(month.year), loadAgencyViews()]);
  // The month's answers concern the milestones in window; a year's view wants them all.
  const inWindow = scope === "month" ? milestones.filter((milestone) => isInWindow(milestone, month)) : undefined;
  const reports = await loadReportViews(month.year, month, { scope, milestones: inWindow });
  return { milestones, agencies, reports };
}

/** One milestone of an active plan, still in force; null otherwise. */
export async function loadMilestoneView(id: string): Promise<MilestoneView | null> {
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const years = [...new Set((await activePlans()).map((plan) => plan.year))];
  for (const year of years) {
    const found = (await loadMilestoneViews(year)).find((milestone) => milestone.id === id);
    if (found) return found;
  }
  return null;
}
