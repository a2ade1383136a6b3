import type { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { AgencyView, MilestoneView, ReportView } from "../followup/milestone-view.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";

/** Loads, as plain values, what the follow-up rules need for a month. */
export interface MonthData {
  milestones: MilestoneView[];
  agencies: AgencyView[];
  /** Reports of the plan year up to and including the month. */
  reports: ReportView[];
}

const ids = (values: Types.ObjectId[] | undefined) => (values ?? []).map(String);

export async function loadMilestoneViews(year: number): Promise<MilestoneView[]> {
  const plans = await PlanModel.find({ status: "active", year }).lean();
  if (plans.length === 0) return [];
  const milestones = await MilestoneModel.find({ plan: { $in: plans.map((plan) => plan._id) }, retiredAt: null }).lean();
  const yearOf = new Map(plans.map((plan) => [String(plan._id), plan.year]));
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

export async function loadAgencyViews(): Promise<AgencyView[]> {
  const agencies = await AgencyModel.find({ active: true }).sort({ bloc: 1, code: 1 }).lean();
  return agencies.map((agency) => ({ id: String(agency._id), code: agency.code, name: agency.name, bloc: agency.bloc ?? null }));
}

export async function loadReportViews(year: number, upTo: YearMonth, agencyId?: string): Promise<ReportView[]> {
  const filter: Record<string, unknown> = { period: { $gte: `${year}-01`, $lte: periodKey(upTo) } };
  if (agencyId) filter.agency = agencyId;
  const reports = await ProgressReportModel.find(filter).lean();
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

export async function loadMonthData(month: YearMonth): Promise<MonthData> {
  const [milestones, agencies, reports] = await Promise.all([loadMilestoneViews(month.year), loadAgencyViews(), loadReportViews(month.year, month)]);
  return { milestones, agencies, reports };
}

/** One milestone of an active plan, still in force; null otherwise. */
export async function loadMilestoneView(id: string): Promise<MilestoneView | null> {
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const milestone = await MilestoneModel.findOne({ _id: id, retiredAt: null }).lean();
  if (!milestone) return null;
  const plan = await PlanModel.findOne({ _id: milestone.plan, status: "active" }).select({ year: 1 }).lean();
  return plan ? toMilestoneView(milestone, plan.year) : null;
}
