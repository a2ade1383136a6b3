import { Schema, model } from "mongoose";

/**
 * Updates taken up, by update_id: Telegram delivers at least once (a webhook retried, a poll
 * answered again after a failover), and an update must be handled once. `done` is set when its
 * handling finished; an update taken by an instance that died before that is handled again.
 * Kept a day.
 */
const processedUpdateSchema = new Schema(
  {
    _id: { type: Number, required: true },
    instance: { type: String, required: true },
    at: { type: Date, required: true },
    done: { type: Boolean, default: false },
  },
  { versionKey: false },
);
processedUpdateSchema.index({ at: 1 }, { expireAfterSeconds: 86_400 });

export const ProcessedUpdateModel = model("ProcessedUpdate", processedUpdateSchema);
