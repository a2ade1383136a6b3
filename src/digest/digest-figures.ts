import { agenciesIn, figuresByBloc, silentInEvery, type FigureTotals, type MonthFigures, type OverdueTask } from "../followup/month-figures.ts";

/**
 * The figures of the leaders' digest, all from the month's figures (src/followup/month-figures.ts,
 * where the words are defined): agencies by state and tasks answered, in all and by emulation
 * bloc; the overdue tasks that matter most; who has not reported, this month and two months
 * running; the open rounds; and the change since the last digest.
 */
export interface BlocProgress {
  bloc: string | null;
  name: string;
  totals: FigureTotals;
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

/** The definitions the figures follow: a digest kept under earlier ones is not compared with. */
export const DIGEST_DEFINITIONS = 2;

export interface DigestFigures {
  definitions: typeof DIGEST_DEFINITIONS;
  period: string;
  inUse: boolean;
  totals: FigureTotals;
  byBloc: BlocProgress[];
  overdue: { text: string; row: string | null; agencies: string[] }[];
  overdueCount: number;
  notReported: string[];
  partly: string[];
  /** The two months before this one (earlier first) and the agencies that reported in neither though asked in both. */
  silentRunning: { periods: [string, string]; agencies: string[] };
  rounds: RoundFigures[];
}

export interface DigestChange {
  reported: number;
  notReported: number;
  done: number;
  overdue: number;
}

const TOP_OVERDUE = 5;

export function computeDigest(input: {
  figures: MonthFigures;
  /** The two months before, earlier first. */
  monthsBefore: [MonthFigures, MonthFigures];
  overdue: OverdueTask[];
  /** Bloc code → name, in the blocs' order. */
  blocNames: Map<string, string>;
  rounds: RoundFigures[];
  noBlocName: string;
}): DigestFigures {
  const { figures, blocNames } = input;
  const overdue = [...input.overdue].sort((a, b) => b.agencies.length - a.agencies.length || a.milestone.position - b.milestone.position);
  const names = (entries: { agency: { name: string } }[]) => entries.map((entry) => entry.agency.name);
  return {
    definitions: DIGEST_DEFINITIONS,
    period: figures.period,
    inUse: figures.inUse,
    totals: figures.totals,
    byBloc: figuresByBloc(figures, [...blocNames.keys()]).map(({ bloc, totals }) => ({ bloc, name: bloc === null ? input.noBlocName : (blocNames.get(bloc) ?? bloc), totals })),
    overdue: overdue.slice(0, TOP_OVERDUE).map((o) => ({ text: o.milestone.text, row: o.milestone.row, agencies: o.agencies.map((a) => a.agency.name) })),
    overdueCount: overdue.length,
    notReported: names(agenciesIn(figures, "not-reported")),
    partly: names(agenciesIn(figures, "partly")),
    silentRunning: { periods: [input.monthsBefore[0].period, input.monthsBefore[1].period], agencies: silentInEvery(input.monthsBefore).map((agency) => agency.name) },
    rounds: input.rounds,
  };
}

const doneOf = (totals: FigureTotals) => totals.counts.done + totals.counts["done-earlier"];

/** Against the previous digest: more reported and done is good, fewer not reported and overdue is good. */
export function changeSince(current: DigestFigures, previous: unknown): DigestChange | null {
  const earlier = previous as Partial<DigestFigures> | null | undefined;
  if (earlier?.definitions !== DIGEST_DEFINITIONS || !earlier.totals) return null;
  return {
    reported: current.totals.reported - earlier.totals.reported,
    notReported: current.totals.notReported - earlier.totals.notReported,
    done: doneOf(current.totals) - doneOf(earlier.totals),
    overdue: current.overdueCount - (earlier.overdueCount ?? 0),
  };
}
