import { AgencyReports, isInWindow } from "../followup/due-milestones.ts";
import type { AgencyView, MilestoneView, ReportView } from "../followup/milestone-view.ts";
import { answerOf, groupReportsByAgency, overdueMilestones, responsibleAgencies, silentAgencies, type Answer } from "../followup/month-status.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";

/**
 * The figures of the leaders' digest, computed from plain data so they can be checked number
 * by number: this month's answers by emulation bloc, the overdue tasks that matter most, the
 * silent agencies, the open rounds, and the change since the last digest.
 */
export type AnswerCounts = Record<Answer, number>;

export interface BlocProgress {
  bloc: string;
  name: string;
  counts: AnswerCounts;
}

export interface RoundFigures {
  seq: number;
  title: string;
  submitted: number;
  asked: number;
  collective: number;
  individual: number;
  daysLeft: number;
}

export interface DigestFigures {
  period: string;
  total: AnswerCounts;
  byBloc: BlocProgress[];
  overdue: { text: string; row: string | null; agencies: string[] }[];
  overdueCount: number;
  silent: string[];
  rounds: RoundFigures[];
}

export interface DigestChange {
  done: number;
  silent: number;
  overdue: number;
}

const emptyCounts = (): AnswerCounts => ({ done: 0, "in-progress": 0, blocked: 0, "not-started": 0, silent: 0 });
const NO_BLOC = "-";
const NO_REPORTS = new AgencyReports([]);
const TOP_OVERDUE = 5;

export function computeDigest(input: {
  month: YearMonth;
  today: string;
  milestones: MilestoneView[];
  agencies: AgencyView[];
  reports: ReportView[];
  blocNames: Map<string, string>;
  rounds: RoundFigures[];
  noBlocName: string;
}): DigestFigures {
  const { month, milestones, agencies, reports } = input;
  const period = periodKey(month);
  const byAgency = groupReportsByAgency(reports);
  const total = emptyCounts();
  const blocs = new Map<string, AnswerCounts>();
  for (const milestone of milestones.filter((m) => isInWindow(m, month))) {
    for (const agency of responsibleAgencies(milestone, agencies)) {
      const answer = answerOf(milestone, agency.id, period, byAgency.get(agency.id) ?? NO_REPORTS);
      total[answer]++;
      const bloc = agency.bloc ?? NO_BLOC;
      const counts = blocs.get(bloc) ?? emptyCounts();
      counts[answer]++;
      blocs.set(bloc, counts);
    }
  }
  const byBloc = [...blocs].map(([bloc, counts]) => ({ bloc, name: bloc === NO_BLOC ? input.noBlocName : (input.blocNames.get(bloc) ?? bloc), counts }));
  const order = [...input.blocNames.keys()];
  byBloc.sort((a, b) => (order.indexOf(a.bloc) + 1 || 999) - (order.indexOf(b.bloc) + 1 || 999));

  const overdue = overdueMilestones(milestones, agencies, month, input.today, reports)
    .sort((a, b) => b.agencies.length - a.agencies.length || a.milestone.position - b.milestone.position);
  return {
    period,
    total,
    byBloc,
    overdue: overdue.slice(0, TOP_OVERDUE).map((o) => ({ text: o.milestone.text, row: o.milestone.row, agencies: o.agencies.map((a) => a.agency.name) })),
    overdueCount: overdue.length,
    silent: silentAgencies(milestones, agencies, month, byAgency).map((s) => s.agency.name),
    rounds: input.rounds,
  };
}

/** Against the previous digest: more done is good, fewer silent and overdue is good. */
export function changeSince(current: DigestFigures, previous: DigestFigures | null): DigestChange | null {
  if (!previous) return null;
  return {
    done: current.total.done - previous.total.done,
    silent: current.silent.length - previous.silent.length,
    overdue: current.overdueCount - previous.overdueCount,
  };
}
