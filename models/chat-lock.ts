import { Schema, model } from "mongoose";

/**
 * Which instance is handling an update of a chat, in webhook mode where every instance receives
 * updates: the next update of that chat waits for it, so a conversation never takes two steps at
 * once. A lock of an instance that died runs out at `until`.
 */
const chatLockSchema = new Schema(
  {
    _id: { type: Number, required: true },
    holder: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { versionKey: false },
);
// Long gone locks are cleared away; a lock past `until` is taken over well before that.
chatLockSchema.index({ until: 1 }, { expireAfterSeconds: 3600 });

export const ChatLockModel = model("ChatLock", chatLockSchema);
