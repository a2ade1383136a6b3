import { JobRunModel } from "../../models/job-run.ts";
import type { AgencyView, MilestoneView } from "../followup/milestone-view.ts";
import {
  figuresForMonths,
  leadAnswersFromReports,
  monthFigures,
  overdueTasks,
  pastTasks,
  sumAnswers,
  type MonthAnswers,
  type MonthFigures,
  type OverdueTask,
} from "../followup/month-figures.ts";
import { monthsBefore } from "../followup/reportable-periods.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";
import { loadAgencyViews, loadMilestoneViews, loadReportViews } from "./follow-up-data.ts";

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

/** The answers of the month on the tasks due, summed per agency and per task. */
export async function loadMonthAnswers(month: YearMonth, milestones: MilestoneView[], agencies: AgencyView[]): Promise<MonthAnswers> {
  const inWindow = milestones.filter((milestone) => milestone.year === month.year && milestone.months.includes(month.month));
  const reports = inWindow.length === 0 ? [] : await loadReportViews(month.year, month, { milestones: inWindow });
  return sumAnswers(inWindow, agencies, month, reports);
}

export async function loadMonthFigures(month: YearMonth): Promise<MonthFigures> {
  const [milestones, agencies, inUse] = await Promise.all([loadMilestoneViews(month.year), loadAgencyViews(), periodsInUse([periodKey(month)])]);
  const answers = await loadMonthAnswers(month, milestones, agencies);
  return monthFigures({ month, milestones, agencies, answers, inUse: inUse.has(periodKey(month)) });
}

/** The figures of several months (a dashboard's twelve, a half-year report), in the order given. */
export async function loadFiguresForMonths(months: YearMonth[]): Promise<MonthFigures[]> {
  const years = [...new Set(months.map((month) => month.year))];
  const [milestoneLists, agencies, inUse] = await Promise.all([Promise.all(years.map((year) => loadMilestoneViews(year))), loadAgencyViews(), periodsInUse(months.map(periodKey))]);
  const milestones = milestoneLists.flat();
  const answers = new Map(await Promise.all(months.map(async (month) => [periodKey(month), await loadMonthAnswers(month, milestones, agencies)] as const)));
  return figuresForMonths({ months, milestones, agencies, answers, inUse });
}

/**
 * The tasks of `month`'s plan year overdue as of `today` (see the definitions), with each late
 * lead agency's last answer. `year` picks another plan year (an earlier one not yet closed).
 */
export async function loadOverdueTasks(month: YearMonth, today: string, year = month.year): Promise<OverdueTask[]> {
  const [milestones, agencies] = await Promise.all([loadMilestoneViews(year), loadAgencyViews()]);
  const upTo = year === month.year ? month : { year, month: 12 };
  const past = pastTasks(milestones, month, today);
  const reports = past.length === 0 ? [] : await loadReportViews(year, upTo, { scope: "year", milestones: past });
  return overdueTasks({ month, today, milestones: past, agencies, leads: leadAnswersFromReports(reports) });
}
