import { Schema, model, type InferSchemaType } from "mongoose";

/** An agency's counts for a nomination round, per award type; every submission kept. */
const countSchema = new Schema(
  {
    award: { type: String, required: true },
    collective: { type: Number, min: 0, default: 0, validate: Number.isInteger },
    individual: { type: Number, min: 0, default: 0, validate: Number.isInteger },
  },
  { _id: false },
);

const nominationVersionSchema = new Schema(
  {
    version: { type: Number, required: true },
    counts: { type: [countSchema], default: [] },
    submittedBy: { type: Schema.Types.ObjectId, ref: "Member", default: null },
    submittedByTelegramId: { type: Number, default: null },
    submittedAt: { type: Date, required: true },
    /** Set on a version that came from another agency's record when that agency was merged into this one. */
    movedFrom: { type: Schema.Types.ObjectId, default: null },
    /** The dialogue that confirmed it: confirming again (after a crash, a button pressed twice) adds nothing. */
    submissionId: { type: String, default: null },
  },
  { _id: false },
);

const nominationReportSchema = new Schema(
  {
    round: { type: Schema.Types.ObjectId, ref: "NominationRound", required: true },
    agency: { type: Schema.Types.ObjectId, ref: "Agency", required: true },
    counts: { type: [countSchema], default: [] },
    submittedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    versions: { type: [nominationVersionSchema], default: [] },
  },
  { timestamps: true },
);
nominationReportSchema.index({ round: 1, agency: 1 }, { unique: true });
nominationReportSchema.index({ "versions.submittedAt": 1 });

export type NominationReport = InferSchemaType<typeof nominationReportSchema>;
export const NominationReportModel = model("NominationReport", nominationReportSchema);
