import { Types } from "mongoose";
import { JobRunModel } from "../../models/job-run.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { AgencyView, MilestoneView } from "../followup/milestone-view.ts";
import {
  figuresForMonths,
  leadAnswersFromReports,
  monthFigures,
  overdueTasks,
  pastTasks,
  sumAnswersOf,
  tasksInWindow,
  type MonthAnswers,
  type MonthFigures,
  type OverdueTask,
} from "../followup/month-figures.ts";
import { monthsBefore } from "../followup/reportable-periods.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";
import { loadSheetAnswers } from "./answer-sheets.ts";
import { loadAgencyViews, loadMilestoneViews } from "./follow-up-data.ts";

/**
 * Loads what the month's figures (src/followup/month-figures.ts) are computed from, as plain
 * values, and computes them: one month, a range of months, the overdue tasks. Every view of
 * the figures comes through here.
 */

/** The periods among `periods` in which dondoc was in use: its monthly push or a reminder of the month ran. */
export async function periodsInUse(periods: string[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const sorted = [...periods].sort();
  const after = periodKey(monthsBefore(parsed(sorted.at(-1)!), -1));
  const runs = await JobRunModel.find(
    { $or: [{ key: { $in: sorted.map((period) => `monthly-push:${period}`) } }, { key: { $gte: `reminders:${sorted[0]}`, $lt: `reminders:${after}` } }] },
    { key: 1, _id: 0 },
  ).lean();
  const used = new Set(runs.map((run) => run.key.split(":")[1]!.slice(0, 7)));
  return new Set(periods.filter((period) => used.has(period)));
}

function parsed(period: string): YearMonth {
  return { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) };
}

const objectIds = (values: { id: string }[]) => values.map((value) => new Types.ObjectId(value.id));

/**
 * The answers of the month on the tasks due, summed per agency and per task, read in
 * O(agencies) whatever the number of reports: from the answer sheets (models/answer-sheet.ts),
 * which hold each report's latest status. The result is what `sumAnswers` gives over every
 * report of the month (test/services/month-answers.test.ts holds the two to each other, after
 * new versions and merges).
 */
export async function loadMonthAnswers(month: YearMonth, milestones: MilestoneView[], agencies: AgencyView[]): Promise<MonthAnswers> {
  const oneOffDue = tasksInWindow(milestones, month).some((task) => !task.recurring);
  return sumAnswersOf(milestones, agencies, month, await loadSheetAnswers(month, oneOffDue));
}

export async function loadMonthFigures(month: YearMonth): Promise<MonthFigures> {
  const [milestones, agencies, inUse] = await Promise.all([loadMilestoneViews(month.year), loadAgencyViews(), periodsInUse([periodKey(month)])]);
  const answers = await loadMonthAnswers(month, milestones, agencies);
  return monthFigures({ month, milestones, agencies, answers, inUse: inUse.has(periodKey(month)) });
}

/**
 * The figures of several months (a dashboard's twelve, a half-year report), in the order given;
 * `keep` narrows them to some tasks (one plan's, when a year has several).
 */
export async function loadFiguresForMonths(months: YearMonth[], keep: (milestone: MilestoneView) => boolean = () => true): Promise<MonthFigures[]> {
  const years = [...new Set(months.map((month) => month.year))];
  const [milestoneLists, agencies, inUse] = await Promise.all([Promise.all(years.map((year) => loadMilestoneViews(year))), loadAgencyViews(), periodsInUse(months.map(periodKey))]);
  const milestones = milestoneLists.flat().filter(keep);
  const answers = new Map(await Promise.all(months.map(async (month) => [periodKey(month), await loadMonthAnswers(month, milestones, agencies)] as const)));
  return figuresForMonths({ months, milestones, agencies, answers, inUse });
}

/**
 * The tasks of `month`'s plan year overdue as of `today` (see the definitions), with each late
 * lead agency's last answer. `year` picks another plan year (an earlier one not yet closed).
 * Only the lead agencies' answers on tasks past their window are read: what the view lists.
 */
export async function loadOverdueTasks(month: YearMonth, today: string, year = month.year): Promise<OverdueTask[]> {
  const [milestones, agencies] = await Promise.all([loadMilestoneViews(year), loadAgencyViews()]);
  const upTo = year === month.year ? month : { year, month: 12 };
  const past = pastTasks(milestones, month, today);
  const ledByAll = past.filter((task) => task.allAgencies && task.allAgenciesRole === "lead");
  const ledByNamed = past.filter((task) => !(task.allAgencies && task.allAgenciesRole === "lead") && task.leadAgencyIds.length > 0);
  const leads = [...new Set(ledByNamed.flatMap((task) => task.leadAgencyIds))].map((id) => ({ id }));
  const branches = [
    ...(ledByAll.length > 0 ? [{ milestone: { $in: objectIds(ledByAll) } }] : []),
    ...(ledByNamed.length > 0 ? [{ milestone: { $in: objectIds(ledByNamed) }, agency: { $in: objectIds(leads) } }] : []),
  ];
  const rows =
    branches.length === 0
      ? []
      : await ProgressReportModel.find({ period: { $gte: `${year}-01`, $lte: periodKey(upTo) }, $or: branches }, { _id: 0, milestone: 1, agency: 1, period: 1, status: 1, reportedAt: 1 }).lean();
  const reports = rows.map((row) => ({ milestoneId: String(row.milestone), agencyId: String(row.agency), period: row.period, status: row.status, reportedAt: row.reportedAt }));
  return overdueTasks({ month, today, milestones: past, agencies, leads: leadAnswersFromReports(reports) });
}
