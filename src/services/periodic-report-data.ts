import dayjs from "dayjs";
import { Types } from "mongoose";
import { PlanModel } from "../../models/plan.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { Translate, TranslationParams } from "../i18n.ts";
import { renderReportDocx, readReportTemplate } from "../reports/report-docx.ts";
import { checkReportRange } from "../reports/report-period.ts";
import type { DocumentSettings } from "../reports/document-settings.ts";
import { periodicReport, type ReportDocument, type TaskNote } from "../reports/periodic-report.ts";
import { compareMonths, localDate, parseInstant, periodKey, yearMonthAt, type YearMonth } from "../time/calendar.ts";
import { loadAgencyViews } from "./follow-up-data.ts";
import { loadFiguresForMonths, loadOverdueTasks } from "./month-figures-data.ts";
import { loadYearRegistrations } from "./registration-comparison.ts";

/**
 * Gathers the periodic report of a range of months (src/reports/periodic-report.ts) from the
 * month's figures, the overdue tasks, the officers' notes and the year's rounds, and renders it
 * into its template. A range that cannot be reported on is refused with one sentence before
 * anything is read or written.
 */
export class ReportRequestError extends Error {
  constructor(
    readonly key: string,
    readonly params: TranslationParams = {},
  ) {
    super(key);
    this.name = "ReportRequestError";
  }
}

export interface ReportRequest {
  from: YearMonth;
  to: YearMonth;
  /** A plan's number ("69/KH-UBND") or id, when a year has several plans. */
  plan?: string;
  now: Date;
  timeZone: string;
}

type PlanDocument = { _id: Types.ObjectId; year: number; title: string; number?: string | null; issuedOn?: string | null; issuer?: string | null };

async function plansFor(reference: string | undefined): Promise<PlanDocument[]> {
  const plans = (await PlanModel.find({ status: "active" }).sort({ year: 1, createdAt: 1 }).lean()) as PlanDocument[];
  if (!reference) return plans;
  const wanted = reference.trim().toLowerCase();
  const found = plans.filter((plan) => String(plan._id) === wanted || (plan.number ?? "").toLowerCase() === wanted);
  if (found.length === 0) throw new ReportRequestError("doc-error-plan-unknown", { plan: reference });
  return found;
}

/** The last day of a month, YYYY-MM-DD. */
const lastDay = (month: YearMonth) => dayjs(`${periodKey(month)}-01`).endOf("month").format("YYYY-MM-DD");

export async function loadReportDocument(request: ReportRequest, settings: DocumentSettings, t: Translate): Promise<ReportDocument> {
  const plans = await plansFor(request.plan);
  const current = yearMonthAt(request.now, request.timeZone);
  const checked = checkReportRange(request.from, request.to, current, [...new Set(plans.map((plan) => plan.year))]);
  if ("problem" in checked) {
    const { key, params } = checked.problem;
    if (request.plan && key === "doc-error-no-plan") throw new ReportRequestError("doc-error-outside-plan", { plan: request.plan, year: String(plans[0]!.year) });
    throw new ReportRequestError(key, params);
  }
  const years = [...new Set(checked.months.map((month) => month.year))];
  const inRange = plans.filter((plan) => years.includes(plan.year));
  const planIds = new Set(inRange.map((plan) => String(plan._id)));
  const keep = (milestone: { planId: string }) => planIds.has(milestone.planId);

  // The overdue tasks as /quahan counts them for the range's last month: at its end, or today.
  const today = localDate(request.now, request.timeZone);
  const asOf = compareMonths(request.to, current) === 0 ? today : lastDay(request.to);
  // A report of months past counts the rounds due by their end; one reaching this month, every round of the year so far.
  const until = compareMonths(request.to, current) === 0 ? undefined : parseInstant(`${asOf}T23:59:59`, request.timeZone)!;
  const [figures, agencies, overdueByYear, registrations] = await Promise.all([
    loadFiguresForMonths(checked.months, keep),
    loadAgencyViews(),
    Promise.all(years.map((year) => loadOverdueTasks(request.to, asOf, year))),
    Promise.all(years.map((year) => loadYearRegistrations(year, request.timeZone, until))),
  ]);
  const milestoneIds = [...new Set(figures.flatMap((month) => month.tasks.map((task) => task.milestone.id)))];
  const noteRows = await ProgressReportModel.find(
    { period: { $gte: periodKey(request.from), $lte: periodKey(request.to) }, milestone: { $in: milestoneIds.map((id) => new Types.ObjectId(id)) }, note: { $nin: ["", null] } },
    { _id: 0, milestone: 1, agency: 1, period: 1, note: 1, reportedAt: 1 },
  ).lean();
  const notes: TaskNote[] = noteRows.map((row) => ({ milestoneId: String(row.milestone), agencyId: String(row.agency), period: row.period, note: row.note ?? "", reportedAt: row.reportedAt }));

  return periodicReport(
    {
      from: request.from,
      to: request.to,
      issuedOn: today,
      plans: inRange.map((plan) => ({ title: plan.title, number: plan.number ?? null, issuedOn: plan.issuedOn ?? null, issuer: plan.issuer ?? null })),
      figures,
      agencies,
      overdue: overdueByYear.flat().filter((task) => keep(task.milestone)),
      overdueAsOf: asOf,
      notes,
      registrations,
      settings,
    },
    t,
  );
}

export interface ReportFile {
  name: string;
  bytes: Buffer;
  /** The summary line ("Kết quả thực hiện … 6 tháng đầu năm 2026"), for a caption. */
  summary: string;
  tasks: number;
}

/** The report's file, rendered into the secretariat's template or the shipped one. */
export async function buildReportFile(request: ReportRequest, settings: DocumentSettings, t: Translate, templatePath = settings.template): Promise<ReportFile> {
  // The template is read first: a broken one is refused before the database is read.
  const template = await readReportTemplate(templatePath);
  const document = await loadReportDocument(request, settings, t);
  return { name: `bao-cao-${periodKey(request.from)}-${periodKey(request.to)}.docx`, bytes: renderReportDocx(template, document), summary: document.summary, tasks: document.tasks.length };
}
