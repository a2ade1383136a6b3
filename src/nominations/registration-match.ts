/**
 * Registrations set against nominations. Early in the year agencies register the titles and
 * awards they aim for (đăng ký thi đua); at its end they propose them (đề nghị khen thưởng).
 * Per agency, award and scope (collective, individual) the counts of the year's registration
 * rounds are set against those of its nomination rounds:
 *
 * - **registered and proposed**: both above zero (the numbers may differ, and are shown);
 * - **registered, not proposed**: registered, nothing proposed;
 * - **proposed without registration**: proposed, nothing registered. A title (danh hiệu thi đua)
 *   cannot be conferred without registration, so those lines are marked.
 *
 * Counts are each agency's latest submission to each round, summed over the year's rounds of a
 * kind. Plain data in and out.
 */
export type CountScope = "collective" | "individual";
export const COUNT_SCOPES: readonly CountScope[] = ["collective", "individual"];

export interface AgencyAwardCount {
  agencyId: string;
  award: string;
  collective: number;
  individual: number;
}

export type MatchState = "registered-and-proposed" | "registered-not-proposed" | "proposed-not-registered";
export const MATCH_STATES: readonly MatchState[] = ["registered-and-proposed", "registered-not-proposed", "proposed-not-registered"];

export interface MatchLine {
  agencyId: string;
  award: string;
  scope: CountScope;
  registered: number;
  proposed: number;
  state: MatchState;
}

export interface Pair {
  collective: number;
  individual: number;
}

export interface AwardMatch {
  award: string;
  registered: Pair;
  proposed: Pair;
}

export interface RegistrationMatch {
  /** Per award, in the order given, the awards anyone registered or proposed. */
  awards: AwardMatch[];
  /** Per agency (in the order given), award and scope with anything registered or proposed. */
  lines: MatchLine[];
}

const key = (agencyId: string, award: string) => `${agencyId}|${award}`;

function sumByAgencyAndAward(counts: AgencyAwardCount[]): Map<string, Pair> {
  const sums = new Map<string, Pair>();
  for (const count of counts) {
    const entry = sums.get(key(count.agencyId, count.award)) ?? { collective: 0, individual: 0 };
    entry.collective += count.collective;
    entry.individual += count.individual;
    sums.set(key(count.agencyId, count.award), entry);
  }
  return sums;
}

function stateOf(registered: number, proposed: number): MatchState | null {
  if (registered > 0 && proposed > 0) return "registered-and-proposed";
  if (registered > 0) return "registered-not-proposed";
  if (proposed > 0) return "proposed-not-registered";
  return null;
}

/**
 * `awardOrder` and `agencyOrder` give the order of the result (the catalogue's, the
 * directory's); awards or agencies not in them come after, in the order first met.
 */
export function matchRegistrations(registered: AgencyAwardCount[], proposed: AgencyAwardCount[], awardOrder: string[], agencyOrder: string[]): RegistrationMatch {
  const byRegistration = sumByAgencyAndAward(registered);
  const byNomination = sumByAgencyAndAward(proposed);
  const seen = [...registered, ...proposed];
  const ordered = (order: string[], values: string[]) => [...new Set([...order.filter((value) => values.includes(value)), ...values])];
  const awards = ordered(awardOrder, [...new Set(seen.map((count) => count.award))]);
  const agencies = ordered(agencyOrder, [...new Set(seen.map((count) => count.agencyId))]);

  const awardTotals = awards.map((award): AwardMatch => ({ award, registered: { collective: 0, individual: 0 }, proposed: { collective: 0, individual: 0 } }));
  const totalOf = new Map(awardTotals.map((entry) => [entry.award, entry]));
  const lines: MatchLine[] = [];
  for (const agencyId of agencies) {
    for (const award of awards) {
      const mine = byRegistration.get(key(agencyId, award)) ?? { collective: 0, individual: 0 };
      const theirs = byNomination.get(key(agencyId, award)) ?? { collective: 0, individual: 0 };
      for (const scope of COUNT_SCOPES) {
        totalOf.get(award)!.registered[scope] += mine[scope];
        totalOf.get(award)!.proposed[scope] += theirs[scope];
        const state = stateOf(mine[scope], theirs[scope]);
        if (state) lines.push({ agencyId, award, scope, registered: mine[scope], proposed: theirs[scope], state });
      }
    }
  }
  return { awards: awardTotals, lines };
}

/** A year's rounds and match, with the names a view shows (loaded by src/services/registration-comparison.ts). */
export interface RoundSummary {
  seq: number;
  title: string;
  kind: "registration" | "nomination";
  deadline: Date;
  status: string;
  asked: number;
  submitted: number;
}

export interface AwardName {
  name: string;
  category: string;
  scope: string;
}

export interface YearRegistrations {
  year: number;
  rounds: RoundSummary[];
  match: RegistrationMatch;
  awards: Map<string, AwardName>;
  agencies: Map<string, string>;
}

/** The lines in one state, in the order of the match. */
export const linesIn = (match: RegistrationMatch, state: MatchState) => match.lines.filter((line) => line.state === state);

/** The year a round belongs to: the year its title names ("… năm 2026"), else its deadline's. */
export function roundYear(title: string, deadlineYear: number): number {
  const named = /(?:^|\D)((?:19|20|21)\d{2})(?!\d)/.exec(title);
  return named ? Number(named[1]) : deadlineYear;
}
