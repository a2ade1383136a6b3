import { AgencyModel } from "../../models/agency.ts";
import { AwardTypeModel } from "../../models/award-type.ts";
import { EmulationBlocModel } from "../../models/emulation-bloc.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { AgencyReports, isInWindow, roleOf } from "../followup/due-milestones.ts";
import { answerOf, groupReportsByAgency, responsibleAgencies, silentAgencies, type Answer } from "../followup/month-status.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";
import { loadMonthData } from "./follow-up-data.ts";
import { focalOfficersByAgency } from "./members.ts";

/** The rows of the secretariat's Excel report for a month, as plain values. */
export interface ProgressRow {
  row: string | null;
  milestone: string;
  agencyCode: string;
  agency: string;
  bloc: string;
  role: "lead" | "coordinating";
  answer: Answer;
  percent: number | null;
  reportedAt: Date | null;
  note: string;
}

export interface NominationRow {
  round: number;
  roundTitle: string;
  agencyCode: string;
  agency: string;
  award: string;
  collective: number;
  individual: number;
  submittedAt: Date;
  version: number;
}

export interface SilentRow {
  agencyCode: string;
  agency: string;
  bloc: string;
  missing: number;
  hasFocalOfficer: boolean;
}

export interface ExportData {
  month: YearMonth;
  progress: ProgressRow[];
  nominations: NominationRow[];
  silent: SilentRow[];
}

export async function loadExportData(month: YearMonth): Promise<ExportData> {
  const period = periodKey(month);
  const [data, officers, blocs] = await Promise.all([loadMonthData(month), focalOfficersByAgency(), EmulationBlocModel.find().lean()]);
  const blocName = new Map(blocs.map((bloc) => [bloc.code, bloc.name]));
  const reports = groupReportsByAgency(data.reports);
  const empty = new AgencyReports([]);
  const progress: ProgressRow[] = [];
  for (const milestone of data.milestones.filter((m) => isInWindow(m, month)).sort((a, b) => a.position - b.position)) {
    for (const agency of responsibleAgencies(milestone, data.agencies)) {
      const agencyReports = reports.get(agency.id) ?? empty;
      const report = agencyReports.for(milestone.id, period);
      progress.push({
        row: milestone.row,
        milestone: milestone.text,
        agencyCode: agency.code,
        agency: agency.name,
        bloc: agency.bloc ? (blocName.get(agency.bloc) ?? agency.bloc) : "",
        role: roleOf(milestone, agency.id)!,
        answer: answerOf(milestone, agency.id, period, agencyReports),
        percent: report?.percent ?? null,
        reportedAt: report?.reportedAt ?? null,
        note: report?.note ?? "",
      });
    }
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

  const silent = silentAgencies(data.milestones, data.agencies, month, reports).map(({ agency, missing }) => ({
    agencyCode: agency.code,
    agency: agency.name,
    bloc: agency.bloc ? (blocName.get(agency.bloc) ?? agency.bloc) : "",
    missing: missing.lead.length + missing.coordinating.length,
    hasFocalOfficer: (officers.get(agency.id)?.length ?? 0) > 0,
  }));
  return { month, progress, nominations, silent };
}
