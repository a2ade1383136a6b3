import { periodKey, type YearMonth } from "../time/calendar.ts";
import { AgencyReports, isInWindow, isPastWindow, roleOf } from "./due-milestones.ts";
import type { AgencyRole, AgencyView, AnswerView, MilestoneView, ProgressStatus, ReportView } from "./milestone-view.ts";

/**
 * The month's figures, defined once. The digest, /tinhhinh, /chuabaocao, /quahan, the Excel
 * export, the reminders' and escalation's lists and the daily summary all take their numbers
 * from here, so a leader and the secretariat never read two meanings of one word.
 *
 * - A task is **due** to an agency in a month when the month is in the task's window and the
 *   task names the agency (lead or coordinating) or concerns every agency.
 * - It is **answered** when the agency sent a report on it for that month, whatever the answer
 *   ("Chưa triển khai" is an answer). A one-off task the agency reported done in an earlier month
 *   of the plan year, and not again this month, is **done earlier**: it is not asked again (the
 *   push leaves it out) and counts as done. Every other due task is **missing** (silent).
 *   What an agency **owes** in a month is what is due to it and not done earlier.
 * - An agency **has reported** for the month (đã báo cáo đủ) when it owes something and nothing
 *   is missing; it **reported partly** (báo cáo một phần) when it answered some of what it owes
 *   but not all; it **has not reported** (chưa báo cáo) when it owes something and answered none
 *   of it; with nothing owed it has **nothing due** and is in no count of agencies. "Reported"
 *   means all of it because that is what the secretariat asks; the partly reported are shown
 *   beside it, never folded into either side.
 * - The **share of due tasks answered** is the tasks answered over the tasks owed, counted per
 *   agency and task (one task due to 61 agencies counts 61 times).
 * - An agency was **asked** in a month when it owed something and dondoc was in use that month
 *   (its monthly push or a reminder ran). It is **silent two months running** when it has not
 *   reported in each of the two months and was asked in both: months before dondoc was in use,
 *   or in which it owed nothing, never count against it.
 * - A task is **overdue** for one of its lead agencies when its due date has passed, or, with no
 *   due date, when it is one-off and its window's last month is over, and that agency has not
 *   reported it done in any month. Coordinating agencies never make a task overdue; recurring
 *   work without a due date is never overdue.
 *
 * Everything here is plain data in, plain data out. The figures of a month are computed from
 * `MonthAnswers`: answers already summed per agency and per task, which the database can give
 * without sending every report (src/services/month-figures-data.ts); `sumAnswers` is the same
 * sum over reports, the reference the database's sum is tested against.
 */

/** What one agency's answer on one due task is, for a month. */
export type TaskAnswer = ProgressStatus | "done-earlier" | "silent";
/** The answers that count as given: all but silence. */
export type GivenAnswer = Exclude<TaskAnswer, "silent">;

export const TASK_ANSWERS: readonly TaskAnswer[] = ["done", "in-progress", "blocked", "not-started", "done-earlier", "silent"];
export const GIVEN_ANSWERS: readonly GivenAnswer[] = ["done", "in-progress", "blocked", "not-started", "done-earlier"];
/** The answers sent for the month itself (not done earlier, not silent). */
const ANSWERED: readonly ProgressStatus[] = ["done", "in-progress", "blocked", "not-started"];

export type AnswerCounts = Record<TaskAnswer, number>;
export type GivenCounts = Partial<Record<GivenAnswer, number>>;

export type ReportingState = "reported" | "partly" | "not-reported" | "nothing-due";

export const emptyCounts = (): AnswerCounts => ({ done: 0, "in-progress": 0, blocked: 0, "not-started": 0, "done-earlier": 0, silent: 0 });

/**
 * The answers given in a month on tasks due, summed per agency and per task. Only answers of
 * an agency on a task due to it count; silence is what is due and not here.
 */
export interface MonthAnswers {
  period: string;
  byAgency: Map<string, GivenCounts>;
  byTask: Map<string, GivenCounts>;
}

/** What an agency's answers are asked: its report of a month, and whether it finished a task earlier. */
export type AnswersOfAgency = Pick<AgencyReports<AnswerView>, "for" | "finishedBefore">;

/** One agency's answer on one due task: its report for the month, else done earlier, else silent. */
export function answerOf(milestone: MilestoneView, period: string, reports: AnswersOfAgency): TaskAnswer {
  const report = reports.for(milestone.id, period);
  if (report) return report.status;
  if (!milestone.recurring && reports.finishedBefore(milestone.id, period)) return "done-earlier";
  return "silent";
}

/** The tasks due in the month, in plan order. */
export function tasksInWindow(milestones: MilestoneView[], month: YearMonth): MilestoneView[] {
  return milestones.filter((milestone) => isInWindow(milestone, month)).sort((a, b) => a.position - b.position);
}

/** The agencies of the directory a task is due to, in the directory's order. */
export function responsibleAgencies(milestone: MilestoneView, agencies: AgencyView[]): AgencyView[] {
  if (milestone.allAgencies) return agencies;
  const named = new Set([...milestone.leadAgencyIds, ...milestone.coordinatingAgencyIds]);
  return agencies.filter((agency) => named.has(agency.id));
}

export interface DuePair<R extends AnswerView = ReportView> {
  milestone: MilestoneView;
  agency: AgencyView;
  role: AgencyRole;
  answer: TaskAnswer;
  /** The agency's report for the month, when it sent one. */
  report: R | undefined;
}

/** Every task due in the month with every agency it is due to, and the answer: task by task, agency by agency. */
export function* duePairs<R extends AnswerView = ReportView>(milestones: MilestoneView[], agencies: AgencyView[], month: YearMonth, reports: Map<string, AgencyReports<R>>): Generator<DuePair<R>> {
  const period = periodKey(month);
  for (const milestone of tasksInWindow(milestones, month)) {
    for (const agency of responsibleAgencies(milestone, agencies)) {
      const own = reports.get(agency.id) ?? (NO_REPORTS as AgencyReports<R>);
      yield { milestone, agency, role: roleOf(milestone, agency.id)!, answer: answerOf(milestone, period, own), report: own.for(milestone.id, period) };
    }
  }
}

const NO_REPORTS = new AgencyReports<AnswerView>([]);

export function groupReportsByAgency<R extends AnswerView>(reports: R[]): Map<string, AgencyReports<R>> {
  const grouped = new Map<string, R[]>();
  for (const report of reports) {
    const list = grouped.get(report.agencyId);
    if (list) list.push(report);
    else grouped.set(report.agencyId, [report]);
  }
  return new Map([...grouped].map(([agencyId, list]) => [agencyId, new AgencyReports(list)]));
}

function add(counts: Map<string, GivenCounts>, key: string, answer: GivenAnswer): void {
  const entry = counts.get(key) ?? {};
  entry[answer] = (entry[answer] ?? 0) + 1;
  counts.set(key, entry);
}

/**
 * The month's answers summed from the reports themselves: the month's reports and the done
 * reports of earlier months of the year (what `loadReportViews` gives with the month's scope).
 */
export function sumAnswers(milestones: MilestoneView[], agencies: AgencyView[], month: YearMonth, reports: AnswerView[]): MonthAnswers {
  const grouped = groupReportsByAgency(reports);
  return sumAnswersOf(milestones, agencies, month, (agencyId) => grouped.get(agencyId) ?? NO_REPORTS);
}

/**
 * The month's answers summed over every task due and every agency it is due to, from each
 * agency's answers however they are kept (reports, or the sheets that summarise them).
 */
export function sumAnswersOf(milestones: MilestoneView[], agencies: AgencyView[], month: YearMonth, answersOf: (agencyId: string) => AnswersOfAgency): MonthAnswers {
  const period = periodKey(month);
  const answers: MonthAnswers = { period, byAgency: new Map(), byTask: new Map() };
  const answersBy = new Map(agencies.map((agency) => [agency.id, answersOf(agency.id)]));
  for (const milestone of tasksInWindow(milestones, month)) {
    const byTask: GivenCounts = {};
    for (const agency of responsibleAgencies(milestone, agencies)) {
      const answer = answerOf(milestone, period, answersBy.get(agency.id)!);
      if (answer === "silent") continue;
      byTask[answer] = (byTask[answer] ?? 0) + 1;
      add(answers.byAgency, agency.id, answer);
    }
    if (Object.keys(byTask).length > 0) answers.byTask.set(milestone.id, byTask);
  }
  return answers;
}

export interface AgencyMonth {
  agency: AgencyView;
  /** Its due tasks by answer; `silent` is what is missing. */
  counts: AnswerCounts;
  due: number;
  owed: number;
  answered: number;
  missing: number;
  state: ReportingState;
  /** It owed something and dondoc was in use: only such months count towards running silence. */
  asked: boolean;
}

export interface TaskMonth {
  milestone: MilestoneView;
  /** Agencies it is due to. */
  responsible: number;
  counts: AnswerCounts;
}

export interface FigureTotals {
  /** Agencies owing something this month: reported + partly + notReported. */
  owing: number;
  reported: number;
  partly: number;
  notReported: number;
  /** Task × agency pairs: due, owed (due less done earlier), answered this month. */
  due: number;
  owed: number;
  answered: number;
  counts: AnswerCounts;
  /** answered ÷ owed, from 0 to 1; null when nothing is owed. */
  share: number | null;
}

export interface MonthFigures {
  month: YearMonth;
  period: string;
  /** dondoc was in use that month (its push or a reminder ran). */
  inUse: boolean;
  /** Every agency of the directory, in its order; those with nothing due say so. */
  agencies: AgencyMonth[];
  /** The tasks due in the month, in plan order. */
  tasks: TaskMonth[];
  totals: FigureTotals;
}

export interface FiguresInput {
  month: YearMonth;
  milestones: MilestoneView[];
  agencies: AgencyView[];
  answers: MonthAnswers;
  inUse: boolean;
}

function countsFrom(given: GivenCounts | undefined, due: number): AnswerCounts {
  const counts = emptyCounts();
  let answered = 0;
  for (const answer of GIVEN_ANSWERS) {
    counts[answer] = given?.[answer] ?? 0;
    answered += counts[answer];
  }
  counts.silent = due - answered;
  return counts;
}

function stateOf(owed: number, answered: number): ReportingState {
  if (owed === 0) return "nothing-due";
  if (answered === owed) return "reported";
  return answered === 0 ? "not-reported" : "partly";
}

const answeredIn = (counts: AnswerCounts) => ANSWERED.reduce((sum, answer) => sum + counts[answer], 0);

export function monthFigures({ month, milestones, agencies, answers, inUse }: FiguresInput): MonthFigures {
  const tasks = tasksInWindow(milestones, month);
  const known = new Set(agencies.map((agency) => agency.id));
  // Tasks for every agency add to everyone alike; named ones to those they name.
  const dueToAll = tasks.filter((task) => task.allAgencies).length;
  const dueNamed = new Map<string, number>();
  const taskMonths: TaskMonth[] = tasks.map((milestone) => {
    let responsible = agencies.length;
    if (!milestone.allAgencies) {
      const named = new Set([...milestone.leadAgencyIds, ...milestone.coordinatingAgencyIds].filter((id) => known.has(id)));
      for (const id of named) dueNamed.set(id, (dueNamed.get(id) ?? 0) + 1);
      responsible = named.size;
    }
    return { milestone, responsible, counts: countsFrom(answers.byTask.get(milestone.id), responsible) };
  });
  const agencyMonths = agencies.map((agency): AgencyMonth => {
    const due = dueToAll + (dueNamed.get(agency.id) ?? 0);
    const counts = countsFrom(answers.byAgency.get(agency.id), due);
    const answered = answeredIn(counts);
    const owed = due - counts["done-earlier"];
    return { agency, counts, due, owed, answered, missing: counts.silent, state: stateOf(owed, answered), asked: inUse && owed > 0 };
  });
  return { month, period: periodKey(month), inUse, agencies: agencyMonths, tasks: taskMonths, totals: totalsOf(agencyMonths) };
}

/** The totals over some agencies' months: the whole directory, a bloc, an agency kind. */
export function totalsOf(agencies: AgencyMonth[]): FigureTotals {
  const totals: FigureTotals = { owing: 0, reported: 0, partly: 0, notReported: 0, due: 0, owed: 0, answered: 0, counts: emptyCounts(), share: null };
  for (const entry of agencies) {
    if (entry.state === "reported") totals.reported++;
    else if (entry.state === "partly") totals.partly++;
    else if (entry.state === "not-reported") totals.notReported++;
    totals.due += entry.due;
    totals.owed += entry.owed;
    totals.answered += entry.answered;
    for (const answer of TASK_ANSWERS) totals.counts[answer] += entry.counts[answer];
  }
  totals.owing = totals.reported + totals.partly + totals.notReported;
  totals.share = totals.owed === 0 ? null : totals.answered / totals.owed;
  return totals;
}

/** The share as people read it: a whole percent, rounded down so that 99.6 % is not shown as 100 %. */
export function percentOf(share: number | null): string {
  return share === null ? "—" : `${Math.floor(share * 100)}%`;
}

export interface BlocFigures {
  /** The bloc's code; null for agencies in no bloc. */
  bloc: string | null;
  totals: FigureTotals;
}

/** Totals per emulation bloc, in the order given (blocs not in it after, then agencies in no bloc). */
export function figuresByBloc(figures: MonthFigures, order: string[] = []): BlocFigures[] {
  const groups = new Map<string | null, AgencyMonth[]>();
  for (const entry of figures.agencies) {
    if (entry.due === 0) continue;
    const list = groups.get(entry.agency.bloc) ?? [];
    list.push(entry);
    groups.set(entry.agency.bloc, list);
  }
  const rank = (bloc: string | null) => (bloc === null ? Infinity : order.indexOf(bloc) + 1 || order.length + 1);
  return [...groups]
    .map(([bloc, entries]) => ({ bloc, totals: totalsOf(entries) }))
    .sort((a, b) => rank(a.bloc) - rank(b.bloc) || String(a.bloc).localeCompare(String(b.bloc)));
}

/** The agencies in a state, in the directory's order. */
export function agenciesIn(figures: MonthFigures, state: ReportingState): AgencyMonth[] {
  return figures.agencies.filter((entry) => entry.state === state);
}

/** Agencies that have not reported in every month given, having been asked in each (see the definitions). */
export function silentInEvery(months: MonthFigures[]): AgencyView[] {
  if (months.length === 0) return [];
  const silent = (figures: MonthFigures) => new Set(figures.agencies.filter((entry) => entry.asked && entry.state === "not-reported").map((entry) => entry.agency.id));
  const sets = months.map(silent);
  return months[0]!.agencies.map((entry) => entry.agency).filter((agency) => sets.every((set) => set.has(agency.id)));
}

export interface RangeInput {
  months: YearMonth[];
  milestones: MilestoneView[];
  agencies: AgencyView[];
  /** The answers of each month, by period. */
  answers: Map<string, MonthAnswers>;
  /** The periods dondoc was in use. */
  inUse: Set<string>;
}

/** The figures of several months at once (a dashboard's year, a half-year report), month by month. */
export function figuresForMonths({ months, milestones, agencies, answers, inUse }: RangeInput): MonthFigures[] {
  return months.map((month) => {
    const period = periodKey(month);
    return monthFigures({ month, milestones, agencies, answers: answers.get(period) ?? { period, byAgency: new Map(), byTask: new Map() }, inUse: inUse.has(period) });
  });
}

export interface AgencyRow {
  agency: AgencyView;
  /** One cell per month, in the order of the figures given. */
  months: AgencyMonth[];
  /** Over those months: tasks answered over tasks owed. */
  totals: FigureTotals;
}

/** Agencies × months: each agency's month, as a dashboard's matrix shows it, with the row's totals. */
export function agencyMatrix(months: MonthFigures[]): AgencyRow[] {
  if (months.length === 0) return [];
  return months[0]!.agencies.map((first, index) => {
    const cells = months.map((figures) => figures.agencies[index]!);
    if (cells.some((cell) => cell.agency.id !== first.agency.id)) throw new Error("the months' figures are not over the same agencies");
    return { agency: first.agency, months: cells, totals: totalsOf(cells) };
  });
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const months: YearMonth[] = [];
  for (let index = from.year * 12 + from.month - 1; index <= to.year * 12 + to.month - 1; index++) months.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  return months;
}

/** A lead agency's answers on a task, over the plan year up to the month: enough to tell what is overdue. */
export interface LeadAnswer {
  done: boolean;
  lastStatus: ProgressStatus;
}

export const leadKey = (milestoneId: string, agencyId: string) => `${milestoneId}|${agencyId}`;

/** From reports (any months up to the one asked about), the lead answers: done ever, and the latest answer. */
export function leadAnswersFromReports(reports: (AnswerView & Pick<ReportView, "reportedAt">)[]): Map<string, LeadAnswer> {
  const answers = new Map<string, LeadAnswer & { at: Date }>();
  for (const report of reports) {
    const key = leadKey(report.milestoneId, report.agencyId);
    const previous = answers.get(key);
    const done = report.status === "done" || (previous?.done ?? false);
    const latest = !previous || report.reportedAt > previous.at;
    answers.set(key, { done, lastStatus: latest ? report.status : previous.lastStatus, at: latest ? report.reportedAt : previous.at });
  }
  return new Map([...answers].map(([key, { done, lastStatus }]) => [key, { done, lastStatus }]));
}

/** The tasks that can be overdue in a month: those whose window is over or whose due date has passed. */
export function pastTasks(milestones: MilestoneView[], month: YearMonth, today: string): MilestoneView[] {
  return milestones.filter((milestone) => isPastWindow(milestone, month, today)).sort((a, b) => a.position - b.position);
}

export interface OverdueTask {
  milestone: MilestoneView;
  /** Its lead agencies that have not reported it done, with their last answer (null: never answered). */
  agencies: { agency: AgencyView; lastStatus: ProgressStatus | null }[];
}

/** The overdue tasks as of `today` in `month`, in plan order (see the definitions). */
export function overdueTasks(input: { month: YearMonth; today: string; milestones: MilestoneView[]; agencies: AgencyView[]; leads: Map<string, LeadAnswer> }): OverdueTask[] {
  const result: OverdueTask[] = [];
  for (const milestone of pastTasks(input.milestones, input.month, input.today)) {
    const late = input.agencies
      .filter((agency) => roleOf(milestone, agency.id) === "lead")
      .map((agency) => ({ agency, answer: input.leads.get(leadKey(milestone.id, agency.id)) }))
      .filter(({ answer }) => !answer?.done)
      .map(({ agency, answer }) => ({ agency, lastStatus: answer?.lastStatus ?? null }));
    if (late.length > 0) result.push({ milestone, agencies: late });
  }
  return result;
}
