import { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { recordInSheets, type SheetEntry } from "../../models/answer-sheet.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { ReportView } from "../followup/milestone-view.ts";
import { recordAudit } from "./audit.ts";
import { loadAgencyViews, loadMilestoneView } from "./follow-up-data.ts";
import { saveNewVersion, versionKey } from "./versioned-save.ts";

/** A focal officer's answer, as the progress conversation collected it. */
export interface ProgressSubmission extends Omit<ReportView, "reportedAt"> {
  attachments: { kind: "photo" | "document"; fileId: string; fileUniqueId?: string | null; fileName?: string | null; mimeType?: string | null; storedFile?: string | null }[];
  reporter: { memberId: string | null; telegramId: number; name: string };
  /** The dialogue's id: confirming the same draft twice saves it once. */
  submissionId?: string | null;
}

export interface SavedReport {
  reportId: string;
  version: number;
  agencyName: string;
  milestoneText: string;
  milestoneRow: string | null;
  /** This draft had been saved already (the confirmation came again): nothing was added. */
  repeated: boolean;
}

/** The task reported on: kept in memory while in force; one retired since the dialogue began is still found. */
async function milestoneOf(id: string): Promise<{ id: string; planId: string; text: string; row: string | null } | null> {
  const kept = await loadMilestoneView(id);
  if (kept) return kept;
  const stored = await MilestoneModel.findById(id, { plan: 1, text: 1, row: 1 }).lean();
  return stored ? { id: String(stored._id), planId: String(stored.plan), text: stored.text, row: stored.row ?? null } : null;
}

/** The agency reporting: from the directory kept in memory, else (retired since) from the database. */
async function agencyOf(id: string): Promise<{ id: string; code: string; name: string } | null> {
  const kept = (await loadAgencyViews()).find((agency) => agency.id === id);
  if (kept) return kept;
  const stored = await AgencyModel.findById(id, { code: 1, name: 1 }).lean();
  return stored ? { id: String(stored._id), code: stored.code, name: stored.name } : null;
}

/** Saves a new version of the agency's report on a milestone for a month; earlier ones stay with who and when. */
export async function submitProgressReport(submission: ProgressSubmission, now: Date): Promise<SavedReport> {
  const [milestone, agency] = await Promise.all([milestoneOf(submission.milestoneId), agencyOf(submission.agencyId)]);
  if (!milestone || !agency) throw new Error("milestone or agency no longer exists");
  const percent = submission.status === "done" ? 100 : submission.percent;
  const entry = {
    status: submission.status,
    percent,
    note: submission.note,
    attachments: submission.attachments,
    reportedBy: submission.reporter.memberId ? new Types.ObjectId(submission.reporter.memberId) : null,
    reportedByTelegramId: submission.reporter.telegramId,
    reportedAt: now,
  };
  const key = { milestone: new Types.ObjectId(milestone.id), agency: new Types.ObjectId(agency.id), period: submission.period };
  const saved = await saveNewVersion(
    ProgressReportModel,
    key,
    () => ({
      latest: { status: entry.status, percent, note: entry.note, attachments: entry.attachments, reportedAt: now },
      entry,
      onCreate: { plan: new Types.ObjectId(milestone.planId) },
    }),
    submission.submissionId ?? null,
    now,
    { "versions.status": 1 },
  );
  const result = { reportId: saved.id, version: saved.version, agencyName: agency.name, milestoneText: milestone.text, milestoneRow: milestone.row ?? null, repeated: saved.repeated };
  // The report's answer sheets, after the report (a replay after a crash between the two writes
  // finds the report saved, and writes them then): the history says whether it was ever "done".
  await recordInSheets([{ ...key, status: submission.status, version: saved.version, versions: saved.kept?.versions as SheetEntry["versions"] }]);
  // Once per version, also when this is a replay that found the version saved before its entry.
  await recordAudit(
    { via: "chat", telegramId: submission.reporter.telegramId, name: submission.reporter.name },
    "report.submitted",
    { kind: "progress-report", id: saved.id },
    { milestone: submission.milestoneId, agency: agency.code, period: submission.period, version: saved.version, status: entry.status, percent },
    now,
    versionKey("progress-report", saved.id, saved.version),
  );
  return result;
}
