import { Schema, model, type InferSchemaType } from "mongoose";

/** One run of a scheduled job for one occurrence ("monthly-push:2018-03"): what makes re-runs and catch-up safe. */
const jobRunSchema = new Schema({
  key: { type: String, required: true },
  job: { type: String, required: true },
  asOf: { type: Date, required: true },
  startedAt: { type: Date, required: true },
  finishedAt: { type: Date, default: null },
  enqueued: { type: Number, default: 0 },
});
jobRunSchema.index({ key: 1 }, { unique: true });

export type JobRun = InferSchemaType<typeof jobRunSchema>;
export const JobRunModel = model("JobRun", jobRunSchema);
