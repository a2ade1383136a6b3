import { Schema, model, type InferSchemaType } from "mongoose";

/** The figures of a weekly digest as sent, so the next one can say what changed. */
const digestSnapshotSchema = new Schema({
  /** The local date the digest was made for (YYYY-MM-DD). */
  day: { type: String, required: true },
  at: { type: Date, required: true },
  figures: { type: Schema.Types.Mixed, required: true },
});
digestSnapshotSchema.index({ day: 1 }, { unique: true });

export type DigestSnapshot = InferSchemaType<typeof digestSnapshotSchema>;
export const DigestSnapshotModel = model("DigestSnapshot", digestSnapshotSchema);
