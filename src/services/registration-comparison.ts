import { AgencyModel } from "../../models/agency.ts";
import { AwardTypeModel } from "../../models/award-type.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { matchRegistrations, roundYear, type AgencyAwardCount, type RoundSummary, type YearRegistrations } from "../nominations/registration-match.ts";
import { yearMonthAt } from "../time/calendar.ts";

/**
 * A year's registrations set against its nominations (src/nominations/registration-match.ts),
 * with what a view needs to name them: the rounds counted, and the awards and agencies by name.
 * A round belongs to the year its title names, else to its deadline's year.
 */
/** The rounds of `year` whose deadline is by `until` (all of them when absent), in their order. */
async function roundsOfYear(year: number, timeZone: string, until?: Date) {
  const rounds = await NominationRoundModel.find(until ? { deadline: { $lte: until } } : {}).sort({ seq: 1 }).lean();
  return rounds.filter((round) => (round.year ?? roundYear(round.title, yearMonthAt(round.deadline, timeZone).year)) === year);
}

export async function loadYearRegistrations(year: number, timeZone: string, until?: Date): Promise<YearRegistrations> {
  const rounds = await roundsOfYear(year, timeZone, until);
  const reports = await NominationReportModel.find({ round: { $in: rounds.map((round) => round._id) } }, { round: 1, agency: 1, counts: 1 }).lean();
  const kindOf = new Map(rounds.map((round) => [String(round._id), round.kind]));
  const counts = (kind: string): AgencyAwardCount[] =>
    reports
      .filter((report) => kindOf.get(String(report.round)) === kind)
      .flatMap((report) => report.counts.map((count) => ({ agencyId: String(report.agency), award: count.award, collective: count.collective ?? 0, individual: count.individual ?? 0 })));
  const [catalogue, directory] = await Promise.all([AwardTypeModel.find().sort({ order: 1, code: 1 }).lean(), AgencyModel.find().sort({ bloc: 1, code: 1 }).lean()]);
  const submitted = (roundId: string) => new Set(reports.filter((report) => String(report.round) === roundId).map((report) => String(report.agency))).size;
  return {
    year,
    rounds: rounds.map((round) => ({
      seq: round.seq,
      title: round.title,
      kind: round.kind as RoundSummary["kind"],
      deadline: round.deadline,
      status: round.status,
      asked: round.agencies.length,
      submitted: submitted(String(round._id)),
    })),
    match: matchRegistrations(
      counts("registration"),
      counts("nomination"),
      catalogue.map((award) => award.code),
      directory.map((agency) => String(agency._id)),
    ),
    awards: new Map(catalogue.map((award) => [award.code, { name: award.name, category: award.category, scope: award.scope }])),
    agencies: new Map(directory.map((agency) => [String(agency._id), agency.name])),
  };
}
