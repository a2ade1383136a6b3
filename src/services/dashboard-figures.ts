import { AgencyModel } from "../../models/agency.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { AgencyView, MilestoneView } from "../followup/milestone-view.ts";
import type { MonthAnswers } from "../followup/month-figures.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";
import { loadAgencyViews, loadMilestoneViews } from "./follow-up-data.ts";
import { loadMonthAnswers } from "./month-figures-data.ts";

/**
 * The month's answers (src/services/month-figures-data.ts) for a whole year, as the dashboard's
 * matrix needs them, kept between requests while nothing they come from has changed. Each
 * request first reads what the answers depend on, cheaply: per month of the year, how many
 * reports there are, the sum of their version numbers and when one last changed; and the same
 * of the directory, the tasks and the plans. A month's answers depend on the reports of the year
 * up to that month (one-off work done earlier counts as done), so a new report in June recomputes
 * June and the months after it, and nothing before; a change of directory, tasks or plan
 * recomputes the year. What is served is therefore always what `loadMonthAnswers` gives now.
 */
interface Stamp {
  /** The directory, the tasks and the plans. */
  base: string;
  /** Per month of the year: what the month's answers depend on, itself and the months before. */
  months: Map<string, string>;
}

interface YearEntry {
  base: string;
  milestones: MilestoneView[];
  agencies: (AgencyView & { kind: string })[];
  answers: Map<string, { stamp: string; answers: MonthAnswers }>;
}

type Summary = { _id: unknown; n: number; at: Date | null; v?: number };

const KEEP_YEARS = 3;
const cache = new Map<number, YearEntry>();

const summaryOf = (rows: Summary[]) => JSON.stringify(rows.map((row) => [row.n, row.at ? new Date(row.at).getTime() : 0, row.v ?? 0]));

async function readStamp(year: number, months: YearMonth[]): Promise<Stamp> {
  const whole = [{ $group: { _id: null, n: { $sum: 1 }, at: { $max: "$updatedAt" } } }];
  const [agencies, milestones, plans, reports] = await Promise.all([
    AgencyModel.aggregate<Summary>(whole),
    MilestoneModel.aggregate<Summary>(whole),
    PlanModel.aggregate<Summary>(whole),
    ProgressReportModel.aggregate<Summary>([
      { $match: { period: { $gte: `${year}-01`, $lte: `${year}-12` } } },
      { $group: { _id: "$period", n: { $sum: 1 }, at: { $max: "$updatedAt" }, v: { $sum: "$version" } } },
    ]),
  ]);
  const byPeriod = new Map(reports.map((row) => [String(row._id), row]));
  const stamps = new Map<string, string>();
  let running = "";
  for (const month of months) {
    const period = periodKey(month);
    running += summaryOf(byPeriod.has(period) ? [byPeriod.get(period)!] : []);
    stamps.set(period, running);
  }
  return { base: summaryOf([...agencies, ...milestones, ...plans]), months: stamps };
}

async function loadBase(year: number): Promise<Pick<YearEntry, "milestones" | "agencies">> {
  const [milestones, agencies] = await Promise.all([loadMilestoneViews(year), loadAgencyViews()]);
  const kinds = new Map((await AgencyModel.find({ active: true }, { kind: 1 }).lean()).map((row) => [String(row._id), row.kind]));
  return { milestones, agencies: agencies.map((agency) => ({ ...agency, kind: kinds.get(agency.id) ?? "other" })) };
}

export interface YearAnswers {
  milestones: MilestoneView[];
  /** Every agency of the directory, with its kind. */
  agencies: (AgencyView & { kind: string })[];
  /** The answers of each month given, by period, over every agency. */
  answers: Map<string, MonthAnswers>;
}

/** The tasks, the directory and each month's answers over every agency, for months of one plan year. */
export async function loadYearAnswers(year: number, months: YearMonth[]): Promise<YearAnswers> {
  const stamp = await readStamp(year, months);
  let entry = cache.get(year);
  if (!entry || entry.base !== stamp.base) {
    entry = { base: stamp.base, ...(await loadBase(year)), answers: new Map() };
    cache.set(year, entry);
    while (cache.size > KEEP_YEARS) cache.delete(cache.keys().next().value!);
  }
  const current = entry;
  const answers = new Map(
    await Promise.all(
      months.map(async (month) => {
        const period = periodKey(month);
        const wanted = stamp.months.get(period)!;
        const kept = current.answers.get(period);
        if (kept?.stamp === wanted) return [period, kept.answers] as const;
        const fresh = await loadMonthAnswers(month, current.milestones, current.agencies);
        current.answers.set(period, { stamp: wanted, answers: fresh });
        return [period, fresh] as const;
      }),
    ),
  );
  return { milestones: current.milestones, agencies: current.agencies, answers };
}

/** Forgets what was kept (tests that empty the database between cases). */
export function forgetYearAnswers(): void {
  cache.clear();
}
