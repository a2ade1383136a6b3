import { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { AwardTypeModel } from "../../models/award-type.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { roundYear } from "../nominations/registration-match.ts";
import { maySubmit } from "../nominations/round-window.ts";
import { DEFAULT_TIME_ZONE, yearMonthAt } from "../time/calendar.ts";
import { roundTotals, type CountLine, type RoundTotals } from "../nominations/round-totals.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { saveNewVersion, versionKey } from "./versioned-save.ts";
import { cleanName, textProblemKey } from "../text/clean-text.ts";

/** Nomination rounds: opening, extending, closing, reopening for one agency, and submissions. */
export class RoundError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export interface OpenRoundInput {
  title: string;
  kind: "registration" | "nomination";
  awardCodes: string[];
  deadline: Date;
  audience: { all: boolean; blocs: string[]; agencyCodes: string[] };
  /** The plan year the round belongs to; by default the year its title names, else its deadline's. */
  year?: number;
}

export type RoundRecord = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function findRound(reference: string | number) {
  const text = String(reference).trim();
  if (/^\d+$/.test(text)) return NominationRoundModel.findOne({ seq: Number(text) }).lean();
  return Types.ObjectId.isValid(text) ? NominationRoundModel.findById(text).lean() : null;
}

/** The codes among `codes` that name no agency in force. */
export async function unknownAgencyCodes(codes: string[]): Promise<string[]> {
  const wanted = codes.map((code) => code.trim().toUpperCase()).filter(Boolean);
  const found = new Set((await AgencyModel.find({ active: true, code: { $in: wanted } }).select({ code: 1 }).lean()).map((agency) => agency.code));
  return wanted.filter((code) => !found.has(code));
}

async function resolveAudience(audience: OpenRoundInput["audience"]): Promise<Types.ObjectId[]> {
  if (audience.all) return (await AgencyModel.find({ active: true }).select({ _id: 1 }).lean()).map((a) => a._id);
  const codes = audience.agencyCodes.map((code) => code.trim().toUpperCase()).filter(Boolean);
  const blocs = audience.blocs.map((code) => code.trim().toUpperCase()).filter(Boolean);
  const found = await AgencyModel.find({ active: true, $or: [{ code: { $in: codes } }, { bloc: { $in: blocs } }] }).lean();
  const unknown = codes.filter((code) => !found.some((agency) => agency.code === code));
  if (unknown.length > 0) throw new RoundError("round-error-agency-unknown", { codes: unknown.join(", ") });
  const unknownBlocs = blocs.filter((bloc) => !found.some((agency) => agency.bloc === bloc));
  if (unknownBlocs.length > 0) throw new RoundError("round-error-bloc-unknown", { codes: unknownBlocs.join(", ") });
  return found.map((agency) => agency._id);
}

export async function openRound(input: OpenRoundInput, actor: Actor, now: Date): Promise<RoundRecord> {
  if (!input.title.trim() || input.title.trim().length > 200) throw new RoundError("round-error-title");
  const cleaned = cleanName(input.title);
  if (!cleaned.ok) throw new RoundError(textProblemKey(cleaned.problem));
  const title = cleaned.text;
  if (!(input.deadline > now)) throw new RoundError("round-error-deadline-past");
  const codes = [...new Set(input.awardCodes.map((code) => code.trim().toUpperCase()).filter(Boolean))];
  const awards = await AwardTypeModel.find({ code: { $in: codes }, active: true }).lean();
  const missingAwards = codes.filter((code) => !awards.some((award) => award.code === code));
  if (codes.length === 0) throw new RoundError("round-error-no-awards");
  if (missingAwards.length > 0) throw new RoundError("round-error-award-unknown", { codes: missingAwards.join(", ") });
  const agencies = await resolveAudience(input.audience);
  if (agencies.length === 0) throw new RoundError("round-error-no-agencies");
  const last = await NominationRoundModel.findOne().sort({ seq: -1 }).lean();
  const round = await NominationRoundModel.create({
    seq: (last?.seq ?? 0) + 1,
    title,
    kind: input.kind,
    year: input.year ?? roundYear(title, yearMonthAt(input.deadline, DEFAULT_TIME_ZONE).year),
    awardTypes: codes,
    deadline: input.deadline,
    audience: { all: input.audience.all, blocs: input.audience.blocs, agencies: [] },
    agencies,
    createdBy: null,
  });
  await recordAudit(actor, "round.opened", { kind: "nomination-round", id: String(round._id) }, { seq: round.seq, title, awards: codes, agencies: agencies.length, deadline: input.deadline }, now);
  return (await NominationRoundModel.findById(round._id).lean())!;
}

export async function extendRound(reference: string, deadline: Date, actor: Actor, now: Date): Promise<RoundRecord> {
  const round = await findRound(reference);
  if (!round) throw new RoundError("round-error-unknown", { round: reference });
  if (!(deadline > now)) throw new RoundError("round-error-deadline-past");
  await NominationRoundModel.updateOne({ _id: round._id }, { $set: { deadline, status: "open", closedAt: null } });
  await recordAudit(actor, "round.extended", { kind: "nomination-round", id: String(round._id) }, { from: round.deadline, to: deadline }, now);
  return (await NominationRoundModel.findById(round._id).lean())!;
}

export async function closeRound(reference: string, actor: Actor, now: Date): Promise<RoundRecord> {
  const round = await findRound(reference);
  if (!round) throw new RoundError("round-error-unknown", { round: reference });
  await NominationRoundModel.updateOne({ _id: round._id, status: "open" }, { $set: { status: "closed", closedAt: now } });
  await recordAudit(actor, "round.closed", { kind: "nomination-round", id: String(round._id) }, {}, now);
  return (await NominationRoundModel.findById(round._id).lean())!;
}

export async function reopenForAgency(reference: string, agencyCode: string, until: Date, actor: Actor, now: Date): Promise<RoundRecord> {
  const round = await findRound(reference);
  if (!round) throw new RoundError("round-error-unknown", { round: reference });
  const agency = await AgencyModel.findOne({ code: agencyCode.trim().toUpperCase() }).lean();
  if (!agency || !round.agencies.some((id) => String(id) === String(agency._id))) throw new RoundError("round-error-agency-not-asked", { codes: agencyCode });
  if (!(until > now)) throw new RoundError("round-error-deadline-past");
  await NominationRoundModel.updateOne({ _id: round._id }, { $pull: { reopenedFor: { agency: agency._id } } });
  await NominationRoundModel.updateOne({ _id: round._id }, { $push: { reopenedFor: { agency: agency._id, until } } });
  await recordAudit(actor, "round.reopened", { kind: "nomination-round", id: String(round._id) }, { agency: agency.code, until }, now);
  return (await NominationRoundModel.findById(round._id).lean())!;
}

export function roundWindowOf(round: RoundRecord) {
  return {
    status: round.status as "open" | "closed",
    deadline: round.deadline,
    reopenedFor: (round.reopenedFor ?? []).map((entry) => ({ agency: String(entry.agency), until: entry.until as Date })),
  };
}

export interface NominationSubmission {
  roundId: string;
  agencyId: string;
  counts: CountLine[];
  reporter: { memberId: string | null; telegramId: number; name: string };
  /** The dialogue's id: confirming the same counts twice saves them once. */
  submissionId?: string | null;
}

/** Saves a new version of an agency's counts, if the round still takes them from it. */
export async function submitNomination(submission: NominationSubmission, now: Date): Promise<{ version: number; reportId: string; repeated: boolean }> {
  const round = await NominationRoundModel.findById(submission.roundId).lean();
  if (!round) throw new RoundError("round-error-unknown", { round: submission.roundId });
  if (!round.agencies.some((id) => String(id) === submission.agencyId)) throw new RoundError("round-error-agency-not-asked", { codes: "" });
  if (!maySubmit(roundWindowOf(round), submission.agencyId, now)) throw new RoundError("round-error-closed");
  const counts = submission.counts.filter((line) => round.awardTypes.includes(line.award));
  const entry = {
    counts,
    submittedBy: submission.reporter.memberId ? new Types.ObjectId(submission.reporter.memberId) : null,
    submittedByTelegramId: submission.reporter.telegramId,
    submittedAt: now,
  };
  const key = { round: round._id, agency: new Types.ObjectId(submission.agencyId) };
  const saved = await saveNewVersion(NominationReportModel, key, () => ({ latest: { counts, submittedAt: now }, entry }), submission.submissionId ?? null, now);
  // Once per version, also when this is a replay that found the version saved before its entry.
  await recordAudit(
    { via: "chat", telegramId: submission.reporter.telegramId, name: submission.reporter.name },
    "nomination.submitted",
    { kind: "nomination-report", id: saved.id },
    { round: round.seq, agency: submission.agencyId, version: saved.version, counts },
    now,
    versionKey("nomination-report", saved.id, saved.version),
  );
  return { version: saved.version, reportId: saved.id, repeated: saved.repeated };
}

export async function totalsOf(round: RoundRecord): Promise<RoundTotals> {
  const reports = await NominationReportModel.find({ round: round._id }).lean();
  return roundTotals(
    round.awardTypes,
    round.agencies.map(String),
    reports.map((report) => ({ agencyId: String(report.agency), counts: report.counts.map((c) => ({ award: c.award, collective: c.collective ?? 0, individual: c.individual ?? 0 })), submittedAt: report.submittedAt, version: report.version })),
  );
}
