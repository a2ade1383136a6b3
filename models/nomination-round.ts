import { Schema, model, type InferSchemaType } from "mongoose";

/** Đợt đăng ký / đề nghị khen thưởng: what the secretariat asks agencies to count, and by when. */
const nominationRoundSchema = new Schema(
  {
    /** Đợt 1, 2, 3 …: how people refer to a round. */
    seq: { type: Number, required: true },
    title: { type: String, required: true, trim: true },
    /** registration: đăng ký danh hiệu thi đua; nomination: đề nghị khen thưởng. */
    kind: { type: String, enum: ["registration", "nomination"], required: true },
    year: { type: Number, default: null },
    awardTypes: { type: [String], required: true, validate: (codes: string[]) => codes.length > 0 },
    deadline: { type: Date, required: true },
    /** Who was asked: every agency, whole blocs, or a list. Resolved into `agencies` when opened. */
    audience: {
      all: { type: Boolean, default: false },
      blocs: { type: [String], default: [] },
      agencies: { type: [Schema.Types.ObjectId], ref: "Agency", default: [] },
    },
    agencies: { type: [Schema.Types.ObjectId], ref: "Agency", default: [] },
    status: { type: String, enum: ["open", "closed"], default: "open" },
    /** Agencies allowed to submit after the deadline, until a given time. */
    reopenedFor: { type: [{ agency: { type: Schema.Types.ObjectId, ref: "Agency" }, until: Date, _id: false }], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: "Member", default: null },
    closedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
nominationRoundSchema.index({ status: 1, deadline: 1 });
nominationRoundSchema.index({ seq: 1 }, { unique: true });

export type NominationRound = InferSchemaType<typeof nominationRoundSchema>;
export const NominationRoundModel = model("NominationRound", nominationRoundSchema);
