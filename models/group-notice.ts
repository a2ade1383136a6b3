import { Schema, model, type InferSchemaType } from "mongoose";

/** A line for the secretariat group, waiting to be posted with others in one message. */
const groupNoticeSchema = new Schema({
  html: { type: String, required: true },
  at: { type: Date, required: true },
  /** Set when the line is taken into a message; the outbox key of that message. */
  batchKey: { type: String, default: null },
  /** The batch is in the outbox. */
  posted: { type: Boolean, default: false },
  /** When a posted line may be deleted (RETENTION_DAYS later). */
  expireAt: { type: Date, default: null },
  /** Set on a line added once whatever replays it (a confirmation after a crash): its identity. */
  key: { type: String },
});
groupNoticeSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });
groupNoticeSchema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $type: "string" } } });
groupNoticeSchema.index({ posted: 1, batchKey: 1, at: 1 });

export type GroupNotice = InferSchemaType<typeof groupNoticeSchema>;
export const GroupNoticeModel = model("GroupNotice", groupNoticeSchema);
