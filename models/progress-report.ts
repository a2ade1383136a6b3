import { Schema, model, type InferSchemaType } from "mongoose";

/** An agency's answer on one milestone for one month; every submission kept as a version. */
import { PROGRESS_STATUSES, type ProgressStatus } from "../src/followup/milestone-view.ts";
import { recordInSheets, type SheetEntry } from "./answer-sheet.ts";

export { PROGRESS_STATUSES, type ProgressStatus };

const attachmentSchema = new Schema(
  {
    kind: { type: String, enum: ["photo", "document"], required: true },
    fileId: { type: String, required: true },
    fileUniqueId: { type: String, default: null },
    fileName: { type: String, default: null },
    mimeType: { type: String, default: null },
    /** The bytes kept by dondoc (EvidenceFile), for a network that keeps files only for a while. */
    storedFile: { type: Schema.Types.ObjectId, ref: "EvidenceFile", default: null },
  },
  { _id: false },
);

const versionSchema = new Schema(
  {
    version: { type: Number, required: true },
    status: { type: String, enum: PROGRESS_STATUSES, required: true },
    percent: { type: Number, min: 0, max: 100, required: true },
    note: { type: String, default: "", maxlength: 2000 },
    attachments: { type: [attachmentSchema], default: [] },
    reportedBy: { type: Schema.Types.ObjectId, ref: "Member", default: null },
    reportedByTelegramId: { type: Number, default: null },
    reportedAt: { type: Date, required: true },
    /** Set on a version that came from another agency's record when that agency was merged into this one. */
    movedFrom: { type: Schema.Types.ObjectId, default: null },
    /** The dialogue that confirmed it: confirming again (after a crash, a button pressed twice) adds nothing. */
    submissionId: { type: String, default: null },
  },
  { _id: false },
);

const progressReportSchema = new Schema(
  {
    plan: { type: Schema.Types.ObjectId, ref: "Plan", required: true },
    milestone: { type: Schema.Types.ObjectId, ref: "Milestone", required: true },
    agency: { type: Schema.Types.ObjectId, ref: "Agency", required: true },
    /** The month reported on, YYYY-MM in Asia/Ho_Chi_Minh. */
    period: { type: String, required: true, match: /^\d{4}-(0[1-9]|1[0-2])$/ },
    /** The latest version, copied up for queries. */
    status: { type: String, enum: PROGRESS_STATUSES, required: true },
    percent: { type: Number, min: 0, max: 100, required: true },
    note: { type: String, default: "" },
    attachments: { type: [attachmentSchema], default: [] },
    reportedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    versions: { type: [versionSchema], default: [] },
  },
  { timestamps: true },
);
progressReportSchema.index({ milestone: 1, agency: 1, period: 1 }, { unique: true });
progressReportSchema.index({ period: 1, agency: 1 });
// One agency's months (its report's choices, its own views): equality first, then the range of months.
progressReportSchema.index({ agency: 1, period: 1 });
progressReportSchema.index({ plan: 1, period: 1, status: 1 });
// The daily summary: what was reported since the last one, whatever month it was about.
progressReportSchema.index({ "versions.reportedAt": 1 });

// Every write that hands back the report keeps its answer sheets (models/answer-sheet.ts).
progressReportSchema.post("save", async function (report) {
  await recordInSheets([report as unknown as SheetEntry]);
});
progressReportSchema.post("insertMany", async function (reports: unknown) {
  await recordInSheets(reports as SheetEntry[]);
});
progressReportSchema.post("findOneAndUpdate", async function (report: SheetEntry | null) {
  const options = this.getOptions();
  // The document before the write says nothing of the write: such a caller keeps the sheet itself.
  if (report && (options.returnDocument === "after" || options.new === true)) await recordInSheets([report]);
});

export type ProgressReport = InferSchemaType<typeof progressReportSchema>;
export const ProgressReportModel = model("ProgressReport", progressReportSchema);
