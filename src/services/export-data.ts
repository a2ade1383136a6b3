import { AgencyModel } from "../../models/agency.ts";
import { AwardTypeModel } from "../../models/award-type.ts";
import { EmulationBlocModel } from "../../models/emulation-bloc.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { duePairs, groupReportsByAgency, monthFigures, sumAnswers, type TaskAnswer } from "../followup/month-figures.ts";
import type { CountScope, MatchState, YearRegistrations } from "../nominations/registration-match.ts";
import { DEFAULT_TIME_ZONE, periodKey, type YearMonth } from "../time/calendar.ts";
import { loadMonthData } from "./follow-up-data.ts";
import { focalOfficersByAgency } from "./members.ts";
import { periodsInUse } from "./month-figures-data.ts";
import { loadYearRegistrations } from "./registration-comparison.ts";

/** The rows of the secretariat's Excel report for a month, as plain values. */
export interface ProgressRow {
  row: string | null;
  milestone: string;
  agencyCode: string;
  agency: string;
  bloc: string;
  role: "lead" | "coordinating";
  answer: TaskAnswer;
  percent: number | null;
  reportedAt: Date | null;
  note: string;
}

export interface NominationRow {
  round: number;
  roundTitle: string;
  kind: "registration" | "nomination";
  agencyCode: string;
  agency: string;
  award: string;
  collective: number;
  individual: number;
  submittedAt: Date;
  version: number;
}

/** An agency that has not reported for the month, or reported partly (see src/followup/month-figures.ts). */
export interface SilentRow {
  agencyCode: string;
  agency: string;
  bloc: string;
  state: "not-reported" | "partly";
  owed: number;
  missing: number;
  hasFocalOfficer: boolean;
}

/** Per agency, award and scope, what the year's registration rounds registered and its nomination rounds proposed. */
export interface RegistrationRow {
  agencyCode: string;
  agency: string;
  award: string;
  scope: CountScope;
  registered: number;
  proposed: number;
  state: MatchState;
}

export interface ExportData {
  month: YearMonth;
  progress: ProgressRow[];
  nominations: NominationRow[];
  silent: SilentRow[];
  /** Empty unless the year has both registration and nomination rounds. */
  registrations: RegistrationRow[];
}

export async function loadExportData(month: YearMonth, timeZone = DEFAULT_TIME_ZONE): Promise<ExportData> {
  const [data, officers, blocs, inUse] = await Promise.all([loadMonthData(month), focalOfficersByAgency(), EmulationBlocModel.find().lean(), periodsInUse([periodKey(month)])]);
  const blocName = new Map(blocs.map((bloc) => [bloc.code, bloc.name]));
  const blocOf = (bloc: string | null) => (bloc ? (blocName.get(bloc) ?? bloc) : "");
  // Row by row, the same answers the month's figures sum up.
  const progress: ProgressRow[] = [];
  for (const { milestone, agency, role, answer, report } of duePairs(data.milestones, data.agencies, month, groupReportsByAgency(data.reports))) {
    progress.push({
      row: milestone.row,
      milestone: milestone.text,
      agencyCode: agency.code,
      agency: agency.name,
      bloc: blocOf(agency.bloc),
      role,
      answer,
      percent: report?.percent ?? null,
      reportedAt: report?.reportedAt ?? null,
      note: report?.note ?? "",
    });
  }

  const rounds = await NominationRoundModel.find({ deadline: { $gte: new Date(Date.UTC(month.year, 0, 1)), $lt: new Date(Date.UTC(month.year + 1, 1, 1)) } }).sort({ seq: 1 }).lean();
  const nominationReports = await NominationReportModel.find({ round: { $in: rounds.map((r) => r._id) } }).lean();
  const agencies = new Map((await AgencyModel.find().lean()).map((a) => [String(a._id), a]));
  const awards = new Map((await AwardTypeModel.find().lean()).map((a) => [a.code, a.name]));
  const nominations: NominationRow[] = [];
  for (const round of rounds) {
    for (const report of nominationReports.filter((r) => String(r.round) === String(round._id))) {
      const agency = agencies.get(String(report.agency));
      for (const line of report.counts) {
        nominations.push({
          round: round.seq,
          roundTitle: round.title,
          kind: round.kind as NominationRow["kind"],
          agencyCode: agency?.code ?? "",
          agency: agency?.name ?? "",
          award: awards.get(line.award) ?? line.award,
          collective: line.collective ?? 0,
          individual: line.individual ?? 0,
          submittedAt: report.submittedAt,
          version: report.version,
        });
      }
    }
  }

  const figures = monthFigures({ month, milestones: data.milestones, agencies: data.agencies, answers: sumAnswers(data.milestones, data.agencies, month, data.reports), inUse: inUse.has(periodKey(month)) });
  const silent: SilentRow[] = figures.agencies
    .filter((entry) => entry.state === "not-reported" || entry.state === "partly")
    .map(({ agency, state, owed, missing }) => ({
      agencyCode: agency.code,
      agency: agency.name,
      bloc: blocOf(agency.bloc),
      state: state as SilentRow["state"],
      owed,
      missing,
      hasFocalOfficer: (officers.get(agency.id)?.length ?? 0) > 0,
    }));
  return { month, progress, nominations, silent, registrations: registrationRows(await loadYearRegistrations(month.year, timeZone), agencies) };
}

function registrationRows(year: YearRegistrations, agencies: Map<string, { code: string; name: string }>): RegistrationRow[] {
  const kinds = new Set(year.rounds.map((round) => round.kind));
  if (!kinds.has("registration") || !kinds.has("nomination")) return [];
  return year.match.lines.map((line) => ({
    agencyCode: agencies.get(line.agencyId)?.code ?? "",
    agency: agencies.get(line.agencyId)?.name ?? "",
    award: year.awards.get(line.award)?.name ?? line.award,
    scope: line.scope,
    registered: line.registered,
    proposed: line.proposed,
    state: line.state,
  }));
}
