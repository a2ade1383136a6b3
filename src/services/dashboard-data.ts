import { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { AwardTypeModel } from "../../models/award-type.ts";
import { EmulationBlocModel } from "../../models/emulation-bloc.ts";
import { MemberModel } from "../../models/member.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { PlanModel } from "../../models/plan.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { DashboardScope } from "../dashboard/dashboard-scope.ts";
import { AgencyReports } from "../followup/due-milestones.ts";
import { taskShown, type AgencyView, type ProgressStatus } from "../followup/milestone-view.ts";
import { agencyMatrix, duePairs, figuresForMonths, monthFigures, monthsBetween, sumAnswers, type FigureTotals, type ReportingState, type TaskAnswer } from "../followup/month-figures.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";
import { loadYearAnswers } from "./dashboard-figures.ts";
import { loadMilestoneViews, loadReportViews } from "./follow-up-data.ts";
import { periodsInUse } from "./month-figures-data.ts";

/**
 * What the dashboard shows, as plain JSON-ready values, every number from the month's figures
 * (src/followup/month-figures.ts) exactly as /tinhhinh, the digest and the Excel export take
 * them. Each loader is given the viewer's scope and loads nothing outside it.
 */

/** A matrix cell, kept small for a phone: [state, tasks answered, tasks owed]. */
export type MatrixCell = [state: 0 | 1 | 2 | 3, answered: number, owed: number];
export const STATE_CODES: Record<ReportingState, MatrixCell[0]> = { "nothing-due": 0, "not-reported": 1, partly: 2, reported: 3 };

export interface DashboardAgency {
  id: string;
  code: string;
  name: string;
  bloc: string | null;
  kind: string;
}

export interface MonthTotals {
  period: string;
  inUse: boolean;
  owing: number;
  reported: number;
  partly: number;
  notReported: number;
  owed: number;
  answered: number;
  /** answered ÷ owed, 0 to 1; null when nothing is owed. */
  share: number | null;
  counts: FigureTotals["counts"];
}

export interface DashboardYear {
  year: number;
  /** The plan years there is something to see for, the current one included. */
  years: number[];
  /** From January to the current month (the whole year for a year gone by). */
  months: string[];
  blocs: { code: string; name: string }[];
  agencies: DashboardAgency[];
  /** One row per agency, one cell per month. */
  cells: MatrixCell[][];
  /** The month's totals over the agencies shown: for the province, the figures of /tinhhinh and the digest. */
  totals: MonthTotals[];
}

/** The months of `year` the dashboard shows when the current month is `current`. */
export function monthsShown(year: number, current: YearMonth): YearMonth[] {
  if (year > current.year) return [];
  return monthsBetween({ year, month: 1 }, { year, month: year === current.year ? current.month : 12 });
}

async function availableYears(current: YearMonth): Promise<number[]> {
  const years: number[] = await PlanModel.distinct("year", { status: "active" });
  return [...new Set([...years, current.year])].filter((year) => year <= current.year).sort((a, b) => b - a);
}

function totalsOfMonth(period: string, inUse: boolean, totals: FigureTotals): MonthTotals {
  const { owing, reported, partly, notReported, owed, answered, share, counts } = totals;
  return { period, inUse, owing, reported, partly, notReported, owed, answered, share, counts };
}

export async function loadDashboardYear(year: number, current: YearMonth, scope: DashboardScope): Promise<DashboardYear> {
  const months = monthsShown(year, current);
  const periods = months.map(periodKey);
  const [{ milestones, agencies: directory, answers }, inUse, blocs, years] = await Promise.all([loadYearAnswers(year, months), periodsInUse(periods), EmulationBlocModel.find().sort({ order: 1, code: 1 }).lean(), availableYears(current)]);
  // A focal officer's figures are their agency's alone: an agency's figures depend on nothing else.
  const agencies = scope.kind === "province" ? directory : directory.filter((agency) => agency.id === scope.agencyId);
  const figures = figuresForMonths({ months, milestones, agencies, answers, inUse });
  const rows = agencyMatrix(figures);
  const usedBlocs = new Set(agencies.map((agency) => agency.bloc));
  return {
    year,
    years,
    months: periods,
    blocs: blocs.filter((bloc) => usedBlocs.has(bloc.code)).map((bloc) => ({ code: bloc.code, name: bloc.name })),
    agencies: agencies.map((agency) => ({ id: agency.id, code: agency.code, name: agency.name, bloc: agency.bloc, kind: agency.kind })),
    cells: rows.map((row) => row.months.map((cell): MatrixCell => [STATE_CODES[cell.state], cell.answered, cell.owed])),
    totals: figures.map((month) => totalsOfMonth(month.period, month.inUse, month.totals)),
  };
}

export interface EvidenceView {
  kind: "photo" | "document";
  name: string | null;
  /** Where the page fetches it, with its session. */
  path: string;
}

export interface ReportVersionView {
  version: number;
  status: ProgressStatus;
  percent: number;
  note: string;
  reportedAt: string;
  by: string | null;
  evidence: EvidenceView[];
}

export interface AgencyTaskView {
  id: string;
  row: string | null;
  text: string;
  months: number[];
  recurring: boolean;
  due: string | null;
  role: "lead" | "coordinating";
  answer: TaskAnswer;
  /** The month's report with every version, newest first; null when none was sent for the month. */
  report: { id: string; versions: ReportVersionView[] } | null;
}

export interface AgencyMonthView {
  agency: DashboardAgency;
  period: string;
  inUse: boolean;
  state: ReportingState;
  due: number;
  owed: number;
  answered: number;
  missing: number;
  tasks: AgencyTaskView[];
}

/** Relative to the dashboard's page, so that it works under any prefix a reverse proxy gives it. */
export const evidencePath = (reportId: string, version: number, index: number) => `api/evidence/${reportId}/${version}/${index}`;

async function loadAgencyView(agencyId: string): Promise<(AgencyView & { kind: string }) | null> {
  if (!Types.ObjectId.isValid(agencyId)) return null;
  const agency = await AgencyModel.findById(agencyId).lean();
  return agency ? { id: String(agency._id), code: agency.code, name: agency.name, bloc: agency.bloc ?? null, kind: agency.kind } : null;
}

/** One agency's month: its figures, its due tasks with their answers, and each report's versions and evidence. */
export async function loadAgencyMonth(agencyId: string, month: YearMonth): Promise<AgencyMonthView | null> {
  const agency = await loadAgencyView(agencyId);
  if (!agency) return null;
  const period = periodKey(month);
  const [milestones, inUse, reports, documents] = await Promise.all([
    loadMilestoneViews(month.year, agency.id),
    periodsInUse([period]),
    loadReportViews(month.year, month, { agencyId: agency.id }),
    ProgressReportModel.find({ agency: agency.id, period }, { milestone: 1, versions: 1 }).lean(),
  ]);
  // The same figures as /tinhhinh <agency>: its tasks one by one, and its state.
  const figures = monthFigures({ month, milestones, agencies: [agency], answers: sumAnswers(milestones, [agency], month, reports), inUse: inUse.has(period) }).agencies[0]!;
  const pairs = [...duePairs(milestones, [agency], month, new Map([[agency.id, new AgencyReports(reports)]]))].sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1));
  const byMilestone = new Map(documents.map((document) => [String(document.milestone), document]));
  const reporters = await MemberModel.find({ _id: { $in: documents.flatMap((d) => d.versions.map((v) => v.reportedBy)).filter((id) => id !== null) } }, { displayName: 1 }).lean();
  const nameOf = new Map(reporters.map((member) => [String(member._id), member.displayName]));
  const tasks = pairs.map(({ milestone, role, answer }): AgencyTaskView => {
    const document = byMilestone.get(milestone.id);
    const versions = (document?.versions ?? [])
      .map(
        (version): ReportVersionView => ({
          version: version.version,
          status: version.status,
          percent: version.percent,
          note: version.note ?? "",
          reportedAt: version.reportedAt.toISOString(),
          by: version.reportedBy ? (nameOf.get(String(version.reportedBy)) ?? null) : null,
          evidence: version.attachments.map((attachment, index) => ({ kind: attachment.kind, name: attachment.fileName ?? null, path: evidencePath(String(document!._id), version.version, index) })),
        }),
      )
      .sort((a, b) => b.version - a.version);
    return {
      ...taskShown(milestone),
      role,
      answer,
      report: document ? { id: String(document._id), versions } : null,
    };
  });
  const { state, due, owed, answered, missing } = figures;
  return { agency: { id: agency.id, code: agency.code, name: agency.name, bloc: agency.bloc, kind: agency.kind }, period, inUse: inUse.has(period), state, due, owed, answered, missing, tasks };
}

/** A piece of evidence of a report's version, with the agency it belongs to (to check who may see it). */
export interface EvidenceRecord {
  agencyId: string;
  kind: "photo" | "document";
  fileId: string;
  storedFile: string | null;
  fileName: string | null;
  mimeType: string | null;
}

export async function loadEvidenceRecord(reportId: string, version: number, index: number): Promise<EvidenceRecord | null> {
  if (!Types.ObjectId.isValid(reportId)) return null;
  const report = await ProgressReportModel.findById(reportId, { agency: 1, versions: 1 }).lean();
  const attachment = report?.versions.find((v) => v.version === version)?.attachments[index];
  if (!report || !attachment) return null;
  return { agencyId: String(report.agency), kind: attachment.kind, fileId: attachment.fileId, storedFile: attachment.storedFile ? String(attachment.storedFile) : null, fileName: attachment.fileName ?? null, mimeType: attachment.mimeType ?? null };
}

export interface RoundView {
  seq: number;
  title: string;
  kind: "registration" | "nomination";
  deadline: string;
  status: "open" | "closed";
  /** Agencies asked, and those that sent their counts (for a focal officer: their agency only). */
  asked: number;
  submitted: number;
  byAward: { award: string; name: string; collective: number; individual: number }[];
  total: { collective: number; individual: number };
}

/** The year's rounds (by their year, else their deadline's) with the counts by award; a focal officer's agency's own only. */
export async function loadRounds(year: number, scope: DashboardScope): Promise<RoundView[]> {
  const inYear = { $or: [{ year }, { year: null, deadline: { $gte: new Date(Date.UTC(year, 0, 1)), $lt: new Date(Date.UTC(year + 1, 0, 1)) } }] };
  const filter = scope.kind === "province" ? inYear : { ...inYear, agencies: new Types.ObjectId(scope.agencyId) };
  const rounds = await NominationRoundModel.find(filter).sort({ seq: 1 }).lean();
  const reports = await NominationReportModel.find({ round: { $in: rounds.map((round) => round._id) }, ...(scope.kind === "agency" ? { agency: scope.agencyId } : {}) }, { round: 1, agency: 1, counts: 1 }).lean();
  const awards = new Map((await AwardTypeModel.find({}, { code: 1, name: 1 }).lean()).map((award) => [award.code, award.name]));
  return rounds.map((round) => {
    const own = reports.filter((report) => String(report.round) === String(round._id));
    const byAward = round.awardTypes.map((award) => {
      const lines = own.flatMap((report) => report.counts.filter((line) => line.award === award));
      return { award, name: awards.get(award) ?? award, collective: lines.reduce((sum, line) => sum + (line.collective ?? 0), 0), individual: lines.reduce((sum, line) => sum + (line.individual ?? 0), 0) };
    });
    return {
      seq: round.seq,
      title: round.title,
      kind: round.kind,
      deadline: round.deadline.toISOString(),
      status: round.status,
      asked: scope.kind === "province" ? round.agencies.length : 1,
      submitted: own.length,
      byAward,
      total: { collective: byAward.reduce((sum, line) => sum + line.collective, 0), individual: byAward.reduce((sum, line) => sum + line.individual, 0) },
    };
  });
}
