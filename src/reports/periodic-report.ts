import type { Translate } from "../i18n.ts";
import type { AgencyView, MilestoneView } from "../followup/milestone-view.ts";
import { agencyMatrix, emptyCounts, percentOf, TASK_ANSWERS, totalsOf, type AnswerCounts, type FigureTotals, type MonthFigures, type OverdueTask } from "../followup/month-figures.ts";
import { linesIn, MATCH_STATES, type MatchLine, type YearRegistrations } from "../nominations/registration-match.ts";
import { describeMonths } from "../plan/describe-months.ts";
import { formatCalendarDate, type YearMonth } from "../time/calendar.ts";
import type { DocumentSettings } from "./document-settings.ts";
import { describePeriod, monthLabel } from "./report-period.ts";

/**
 * The periodic report (báo cáo định kỳ) the secretariat signs, as the plain values its template's
 * tags take. Every number comes from the month's figures (src/followup/month-figures.ts), month by
 * month, so a month's row reads what /tinhhinh, the digest and the Excel export read for that
 * month; a task's results over the period are its months' counts added up (one agency in one month
 * is one "lượt"). Every sentence comes from the locales.
 */
export interface PlanReference {
  title: string;
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
}

export interface TaskNote {
  milestoneId: string;
  agencyId: string;
  period: string;
  note: string;
  reportedAt: Date;
}

export interface PeriodicReportInput {
  from: YearMonth;
  to: YearMonth;
  /** Today, YYYY-MM-DD in the province: the month and year of the date line. */
  issuedOn: string;
  plans: PlanReference[];
  /** The figures of every month of the range, in order. */
  figures: MonthFigures[];
  /** The directory's agencies in force (for lead agencies' names). */
  agencies: AgencyView[];
  overdue: OverdueTask[];
  /** The day the overdue tasks are counted at. */
  overdueAsOf: string;
  notes: TaskNote[];
  registrations: YearRegistrations[];
  settings: DocumentSettings;
}

export interface MonthRow {
  label: string;
  reported: string;
  partly: string;
  notReported: string;
  tasks: string;
}

export interface TaskEntry {
  title: string;
  lead: string;
  result: string;
  notes: string[];
}

export interface AwardRow {
  name: string;
  registeredCollective: string;
  registeredIndividual: string;
  proposedCollective: string;
  proposedIndividual: string;
}

/** Everything the template's tags take (the rules are drawn at render time). */
export interface ReportDocument {
  issuerParent: string;
  issuer: string;
  nationalTitle: string;
  motto: string;
  number: string;
  placeDate: string;
  docType: string;
  summary: string;
  recipientLine: string;
  intro: string[];
  sectionTasks: string;
  reportingHeading: string;
  reportingLead: string;
  monthColumn: string;
  reportedColumn: string;
  partlyColumn: string;
  notReportedColumn: string;
  tasksColumn: string;
  months: MonthRow[];
  totalLabel: string;
  totalReported: string;
  totalPartly: string;
  totalNotReported: string;
  totalTasks: string;
  monthsNote: string[];
  tasksHeading: string;
  tasksLead: string;
  tasks: TaskEntry[];
  silentHeading: string;
  silent: string[];
  overdueHeading: string;
  overdue: string[];
  sectionAwards: string;
  awardsIntro: string[];
  hasAwards: boolean;
  awardColumn: string;
  registeredColumn: string;
  proposedColumn: string;
  collectiveColumn: string;
  individualColumn: string;
  awards: AwardRow[];
  matchGroups: { heading: string; lines: string[] }[];
  sectionAssessment: string;
  assessment: string[];
  copiesLabel: string;
  copies: string[];
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

/** Decree 30/2020: days below 10, and January and February, are written with a leading zero. */
const twoDigits = (value: number) => String(value).padStart(2, "0");
const officialMonth = (month: number) => (month <= 2 ? twoDigits(month) : String(month));

/** The cells of a row, the very numbers (and number format) of /tinhhinh's two lines. */
function monthCells(totals: FigureTotals, t: Translate): Omit<MonthRow, "label"> {
  if (totals.owing === 0) return { reported: "—", partly: "—", notReported: "—", tasks: "—" };
  return {
    reported: t("doc-cell-ratio", { part: totals.reported, whole: totals.owing }),
    partly: t("doc-cell-count", { count: totals.partly }),
    notReported: t("doc-cell-count", { count: totals.notReported }),
    tasks: t("doc-cell-share", { answered: totals.answered, owed: totals.owed, share: percentOf(totals.share) }),
  };
}

function totalCells(cells: Omit<MonthRow, "label">, t: Translate): Pick<ReportDocument, "totalLabel" | "totalReported" | "totalPartly" | "totalNotReported" | "totalTasks"> {
  return { totalLabel: t("doc-total-row"), totalReported: cells.reported, totalPartly: cells.partly, totalNotReported: cells.notReported, totalTasks: cells.tasks };
}

interface TaskSum {
  milestone: MilestoneView;
  responsible: number;
  counts: AnswerCounts;
}

/** Each task due in the range with its months' counts added up, in plan order. */
function tasksOverRange(figures: MonthFigures[]): TaskSum[] {
  const sums = new Map<string, TaskSum>();
  for (const month of figures) {
    for (const task of month.tasks) {
      const sum = sums.get(task.milestone.id) ?? { milestone: task.milestone, responsible: 0, counts: emptyCounts() };
      sum.responsible += task.responsible;
      for (const answer of TASK_ANSWERS) sum.counts[answer] += task.counts[answer];
      sums.set(task.milestone.id, sum);
    }
  }
  return [...sums.values()].sort((a, b) => a.milestone.year - b.milestone.year || a.milestone.position - b.milestone.position);
}

function leadNames(milestone: MilestoneView, agencies: Map<string, string>, t: Translate): string {
  if (milestone.allAgencies && milestone.allAgenciesRole === "lead") return t("doc-all-agencies");
  const names = milestone.leadAgencyIds.map((id) => agencies.get(id)).filter((name): name is string => Boolean(name));
  return names.length > 0 ? names.join("; ") : t("doc-no-lead");
}

function planPhrase(plan: PlanReference, t: Translate): string {
  const subject = plan.title.replace(/^kế hoạch\s+/iu, "");
  const about = subject === plan.title ? ` (${plan.title})` : ` ${t("doc-plan-about", { subject })}`;
  if (!plan.number) return plan.title;
  const date = plan.issuedOn ? ` ${t("doc-plan-dated", { date: formatCalendarDate(plan.issuedOn) })}` : "";
  const issuer = plan.issuer ? ` ${t("doc-plan-by", { issuer: plan.issuer })}` : "";
  return `${t("doc-plan-number", { number: plan.number })}${date}${issuer}${about}`;
}

const MAX_NOTES = 3;
const NOTE_LENGTH = 300;

function shortened(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= NOTE_LENGTH ? flat : `${flat.slice(0, NOTE_LENGTH - 1).trimEnd()}…`;
}

function notesOf(milestoneId: string, notes: TaskNote[], agencies: Map<string, string>, t: Translate): string[] {
  const mine = notes.filter((note) => note.milestoneId === milestoneId && note.note.trim()).sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime());
  const lines = mine.slice(0, MAX_NOTES).map((note) =>
    t("doc-task-note", { agency: agencies.get(note.agencyId) ?? "—", month: String(Number(note.period.slice(5, 7))), year: note.period.slice(0, 4), note: shortened(note.note) }),
  );
  if (mine.length > MAX_NOTES) lines.push(t("doc-task-more-notes", { count: mine.length - MAX_NOTES }));
  return lines;
}

function taskEntries(input: PeriodicReportInput, agencies: Map<string, string>, t: Translate): TaskEntry[] {
  return tasksOverRange(input.figures).map(({ milestone, responsible, counts }, index) => {
    const answered = counts.done + counts["in-progress"] + counts.blocked + counts["not-started"];
    const owed = responsible - counts["done-earlier"];
    return {
      title: milestone.row ? t("doc-task-title-row", { number: index + 1, text: milestone.text, row: milestone.row }) : t("doc-task-title", { number: index + 1, text: milestone.text }),
      lead: t("doc-task-lead", { agencies: leadNames(milestone, agencies, t), months: describeMonths(milestone, t) }),
      result: t("doc-task-result", {
        done: counts.done,
        doneEarlier: counts["done-earlier"],
        progress: counts["in-progress"],
        notStarted: counts["not-started"],
        blocked: counts.blocked,
        silent: counts.silent,
        answered,
        owed,
        share: percentOf(owed === 0 ? null : answered / owed),
      }),
      notes: notesOf(milestone.id, input.notes, agencies, t),
    };
  });
}

function awardCell(scope: "collective" | "individual", awardScope: string | undefined, value: number): string {
  return awardScope === (scope === "collective" ? "individual" : "collective") ? "–" : String(value);
}

function matchLine(line: MatchLine, year: YearRegistrations, t: Translate): string {
  const award = year.awards.get(line.award);
  const mark = line.state === "proposed-not-registered" && award?.category === "title" ? ` ${t("doc-match-title-needs-registration")}` : "";
  return t("doc-match-line", {
    agency: year.agencies.get(line.agencyId) ?? "—",
    award: award?.name ?? line.award,
    scope: t(`count-${line.scope}`),
    registered: line.registered,
    proposed: line.proposed,
  }) + mark;
}

function awardsSection(input: PeriodicReportInput, t: Translate): Pick<ReportDocument, "awardsIntro" | "hasAwards" | "awards" | "matchGroups"> {
  const years = input.registrations;
  const rounds = years.flatMap((year) => year.rounds);
  if (rounds.length === 0) return { awardsIntro: [t("doc-awards-none")], hasAwards: false, awards: [], matchGroups: [] };
  const intro = rounds.map((round) =>
    t("doc-awards-round", { seq: round.seq, title: round.title, kind: t(`round-kind-${round.kind}`), submitted: round.submitted, asked: round.asked }),
  );
  const awards = years.flatMap((year) =>
    year.match.awards.map((entry) => {
      const scope = year.awards.get(entry.award)?.scope;
      return {
        name: year.awards.get(entry.award)?.name ?? entry.award,
        registeredCollective: awardCell("collective", scope, entry.registered.collective),
        registeredIndividual: awardCell("individual", scope, entry.registered.individual),
        proposedCollective: awardCell("collective", scope, entry.proposed.collective),
        proposedIndividual: awardCell("individual", scope, entry.proposed.individual),
      };
    }),
  );
  const bothKinds = rounds.some((round) => round.kind === "registration") && rounds.some((round) => round.kind === "nomination");
  if (!bothKinds) intro.push(t(rounds.some((round) => round.kind === "nomination") ? "doc-awards-no-registration" : "doc-awards-no-nomination"));
  const matchGroups = bothKinds
    ? MATCH_STATES.map((state) => ({ heading: t(`doc-match-${state}`), lines: years.flatMap((year) => linesIn(year.match, state).map((line) => matchLine(line, year, t))) })).map((group) =>
        group.lines.length > 0 ? group : { ...group, lines: [t("doc-none")] },
      )
    : [];
  return { awardsIntro: intro, hasAwards: awards.length > 0, awards, matchGroups };
}

/** The closing list: each recipient on its line after a dash, a semicolon after each, a full stop after the last. */
function copyLines(copies: string[]): string[] {
  const cleaned = copies.map((copy) => copy.trim().replace(/^[-–]\s*/, "").replace(/[;.,]+$/, "")).filter(Boolean);
  return cleaned.map((copy, index) => `- ${copy}${index === cleaned.length - 1 ? "." : ";"}`);
}

export function periodicReport(input: PeriodicReportInput, t: Translate): ReportDocument {
  const { settings } = input;
  const period = describePeriod(input.from, input.to, t);
  const names = new Map(input.agencies.map((agency) => [agency.id, agency.name]));
  const [year, month] = input.issuedOn.split("-").map(Number) as [number, number];
  const matrix = agencyMatrix(input.figures);
  const total = totalsOf(matrix.flatMap((row) => row.months));
  const notInUse = input.figures.filter((figures) => !figures.inUse && figures.totals.owing > 0);
  const silent = matrix.filter((row) => row.totals.owed > 0 && row.totals.answered === 0);

  return {
    issuerParent: settings.issuerParent,
    issuer: settings.issuer,
    nationalTitle: t("doc-national-title"),
    motto: t("doc-motto"),
    number: t("doc-number", { symbol: settings.symbol }),
    placeDate: t("doc-place-date", { place: settings.place, month: officialMonth(month), year: String(year) }),
    docType: t("doc-type-report"),
    summary: t("doc-summary", { period }),
    recipientLine: settings.recipient ? t("doc-recipient", { recipient: settings.recipient }) : "",
    intro: [input.plans.length > 0 ? t("doc-intro", { plans: input.plans.map((plan) => planPhrase(plan, t)).join("; "), period }) : t("doc-intro-no-plan", { period })],

    sectionTasks: t("doc-section-tasks"),
    reportingHeading: t("doc-reporting-heading"),
    reportingLead: t("doc-reporting-lead"),
    monthColumn: t("doc-column-month"),
    reportedColumn: t("doc-column-reported"),
    partlyColumn: t("doc-column-partly"),
    notReportedColumn: t("doc-column-not-reported"),
    tasksColumn: t("doc-column-tasks"),
    months: input.figures.map((figures) => ({
      label: `${t("doc-month", { month: monthLabel(figures.month) })}${!figures.inUse && figures.totals.owing > 0 ? "*" : ""}`,
      ...monthCells(figures.totals, t),
    })),
    ...totalCells(monthCells(total, t), t),
    monthsNote: notInUse.length > 0 ? [t("doc-months-not-in-use")] : [],

    tasksHeading: t("doc-tasks-heading"),
    tasksLead: t("doc-tasks-lead"),
    tasks: taskEntries(input, names, t),
    silentHeading: t("doc-silent-heading"),
    silent: silent.length > 0 ? silent.map((row) => t("doc-silent-line", { agency: row.agency.name, owed: row.totals.owed })) : [t("doc-none")],
    overdueHeading: t("doc-overdue-heading", { date: formatCalendarDate(input.overdueAsOf), count: input.overdue.length }),
    overdue:
      input.overdue.length > 0
        ? input.overdue.map(({ milestone, agencies }, index) =>
            t("doc-overdue-line", {
              number: index + 1,
              text: milestone.text,
              when: describeMonths(milestone, t),
              agencies: agencies.map(({ agency, lastStatus }) => t("doc-overdue-agency", { agency: agency.name, status: t(`status-${lastStatus ?? "silent"}`) })).join("; "),
            }),
          )
        : [t("doc-none")],

    sectionAwards: t("doc-section-awards"),
    awardColumn: t("doc-column-award"),
    registeredColumn: t("doc-column-registered"),
    proposedColumn: t("doc-column-proposed"),
    collectiveColumn: t("xlsx-collective"),
    individualColumn: t("xlsx-individual"),
    ...awardsSection(input, t),

    sectionAssessment: t("doc-section-assessment"),
    assessment: [t("doc-assessment-placeholder")],
    copiesLabel: t("doc-copies-label"),
    copies: copyLines(settings.copies),
    signerAuthority: settings.signerAuthority,
    signerTitle: settings.signerTitle,
    signerName: settings.signerName,
  };
}
