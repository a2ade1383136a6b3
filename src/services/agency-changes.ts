import type { Model, Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { InviteModel } from "../../models/invite.ts";
import { MemberModel } from "../../models/member.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { requireCleanName } from "../text/clean-text.ts";
import { addDays, type LocalDate } from "../time/local-dates.ts";
import { rebuildAnswerSheets } from "./answer-sheets.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { DirectoryError } from "./directory-admin.ts";

/**
 * A directory that changes: agencies merged into a successor (the 2025 reorganisation: Sở
 * LĐTBXH into Sở Nội vụ, a district into a commune), renamed, or retired. A merge moves the
 * agency's reports, nominations, officers, invites, plan tasks and rounds to the successor,
 * keeping every version; the old agency stays, retired, so its names lead to the successor.
 * Every step can be run again: a merge cut short by a crash is finished by running it again.
 */
export interface MergeResult {
  reports: number;
  nominations: number;
  members: number;
  milestones: number;
  rounds: number;
}

type Versioned = { _id: Types.ObjectId; version: number; versions: ({ version: number; movedFrom?: Types.ObjectId | null } & Record<string, unknown>)[] } & Record<string, unknown>;

/**
 * Moves one record of the merged agency to the successor. Where the successor has its own
 * record for the same thing, the merged agency's versions are added to it (marked where they
 * came from) and the latest of all stays on top.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for two models of the same versioned shape
async function moveRecord(model: Model<any>, record: Versioned, key: Record<string, unknown>, into: Types.ObjectId, topOf: (version: Record<string, unknown>) => Record<string, unknown>, timeOf: (version: Record<string, unknown>) => number): Promise<void> {
  const existing = (await model.findOne({ ...key, agency: into }).lean()) as Versioned | null;
  if (!existing) {
    await model.updateOne({ _id: record._id }, { $set: { agency: into } });
    return;
  }
  if (!existing.versions.some((version) => String(version.movedFrom) === String(record._id))) {
    const moved = record.versions.map((version, index) => ({ ...version, version: existing.version + index + 1, movedFrom: record._id }));
    const versions = [...existing.versions, ...moved];
    const latest = [...versions].sort((a, b) => timeOf(a) - timeOf(b)).at(-1)!;
    await model.updateOne({ _id: existing._id }, { $set: { versions, version: versions.length, ...topOf(latest) } });
  }
  await model.deleteOne({ _id: record._id });
}

export async function mergeAgency(fromCode: string, intoCode: string, effective: LocalDate, actor: Actor, now: Date): Promise<MergeResult> {
  const [from, into] = await Promise.all([AgencyModel.findOne({ code: fromCode.trim().toUpperCase() }).lean(), AgencyModel.findOne({ code: intoCode.trim().toUpperCase() }).lean()]);
  if (!from) throw new DirectoryError("agency-unknown", { code: fromCode });
  if (!into) throw new DirectoryError("agency-unknown", { code: intoCode });
  if (String(from._id) === String(into._id)) throw new DirectoryError("agency-merge-self", { code: from.code });
  if (!into.active) throw new DirectoryError("agency-merge-into-retired", { code: into.code });
  if (!from.active && String(from.successor) !== String(into._id)) throw new DirectoryError("agency-already-retired", { code: from.code });
  const result: MergeResult = { reports: 0, nominations: 0, members: 0, milestones: 0, rounds: 0 };

  for (const report of (await ProgressReportModel.find({ agency: from._id }).lean()) as unknown as Versioned[]) {
    await moveRecord(
      ProgressReportModel,
      report,
      { milestone: report.milestone, period: report.period },
      into._id,
      (v) => ({ status: v.status, percent: v.percent, note: v.note, attachments: v.attachments, reportedAt: v.reportedAt }),
      (v) => new Date(v.reportedAt as Date).getTime(),
    );
    result.reports++;
  }
  for (const report of (await NominationReportModel.find({ agency: from._id }).lean()) as unknown as Versioned[]) {
    await moveRecord(NominationReportModel, report, { round: report.round }, into._id, (v) => ({ counts: v.counts, submittedAt: v.submittedAt }), (v) => new Date(v.submittedAt as Date).getTime());
    result.nominations++;
  }
  result.members = (await MemberModel.updateMany({ "roles.agency": from._id }, { $set: { "roles.$[grant].agency": into._id } }, { arrayFilters: [{ "grant.agency": from._id }] })).modifiedCount;
  await InviteModel.updateMany({ agency: from._id }, { $set: { agency: into._id } });

  // Plan tasks and rounds name the successor instead, once each.
  for (const field of ["leadAgencies", "coordinatingAgencies", "units.agencies"] as const) {
    const path = field === "units.agencies" ? "units.$[].agencies" : field;
    const changed = await MilestoneModel.updateMany({ [field]: from._id }, { $addToSet: { [path]: into._id } });
    await MilestoneModel.updateMany({ [field]: from._id }, { $pull: { [path]: from._id } });
    result.milestones += changed.modifiedCount;
  }
  const rounds = await NominationRoundModel.updateMany({ agencies: from._id }, { $addToSet: { agencies: into._id } });
  await NominationRoundModel.updateMany({ agencies: from._id }, { $pull: { agencies: from._id } });
  await NominationRoundModel.updateMany({ "reopenedFor.agency": from._id }, { $set: { "reopenedFor.$[entry].agency": into._id } }, { arrayFilters: [{ "entry.agency": from._id }] });
  result.rounds = rounds.modifiedCount;
  // The moves above hand back no documents: the two agencies' answer sheets are written again from their reports.
  await rebuildAnswerSheets([from._id, into._id]);

  // Last: until this is written, running the merge again finishes it.
  await AgencyModel.updateOne({ _id: from._id }, { $set: { active: false, successor: into._id, validUntil: addDays(effective, -1) } });
  await recordAudit(actor, "agency.merged", { kind: "agency", id: from.code }, { into: into.code, effective, ...result }, now);
  return result;
}

export async function renameAgency(code: string, newName: string, actor: Actor, now: Date): Promise<{ before: string; after: string }> {
  const agency = await AgencyModel.findOne({ code: code.trim().toUpperCase() });
  if (!agency) throw new DirectoryError("agency-unknown", { code });
  if (!newName.trim() || newName.trim().length > 200) throw new DirectoryError("agency-rename-usage");
  const name = requireCleanName(newName);
  const before = agency.name;
  // The old name stays as an alias: plans and people that still use it find the agency.
  agency.set({ name, aliases: [...new Set([...agency.aliases, before])] });
  await agency.save();
  await recordAudit(actor, "agency.renamed", { kind: "agency", id: agency.code }, { before, after: name }, now);
  return { before, after: name };
}

export async function retireAgency(code: string, lastDay: LocalDate, actor: Actor, now: Date): Promise<void> {
  const agency = await AgencyModel.findOne({ code: code.trim().toUpperCase() });
  if (!agency) throw new DirectoryError("agency-unknown", { code });
  if (!agency.active) throw new DirectoryError("agency-already-retired", { code: agency.code });
  agency.set({ active: false, validUntil: lastDay });
  await agency.save();
  await recordAudit(actor, "agency.retired", { kind: "agency", id: agency.code }, { lastDay }, now);
}
