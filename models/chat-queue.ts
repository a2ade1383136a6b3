import { Schema, model } from "mongoose";

/**
 * One document a chat: the updates it received and has not finished, in the order Telegram
 * numbered them; the ids of its last finished ones; and which instance holds the chat's turn (the
 * one allowed to run its updates) until when. Recording an update, finding it a duplicate and
 * taking a free turn are one atomic write on this document; so are finishing an update and giving
 * the turn back. The holder renews `until` while it lives: a turn of an instance that died runs
 * out within seconds, and another instance takes the chat's waiting updates over.
 */
const pendingUpdateSchema = new Schema(
  {
    id: { type: Number, required: true },
    /** "telegram", or "zalo" for a Zalo update kept as Zalo sent it (read when its turn comes). */
    source: { type: String, required: true },
    update: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const chatQueueSchema = new Schema(
  {
    _id: { type: Number, required: true },
    holder: { type: String, default: null },
    until: { type: Date, default: null },
    /** The instance that took the turn last, kept after it is given back: another instance taking it next knows what it cached of the chat may be stale. */
    lastHolder: { type: String },
    /** Since when an update has waited here (unset when none does): what the sweep looks for. */
    waitingSince: { type: Date },
    pending: { type: [pendingUpdateSchema], default: [] },
    /** The ids of the chat's last finished updates, so a delivery seen again is known as one. */
    done: { type: [Number], default: [] },
    /** Last touched: chats quiet for a month are cleared away. */
    at: { type: Date },
  },
  { versionKey: false },
);
chatQueueSchema.index({ waitingSince: 1 }, { sparse: true });
chatQueueSchema.index({ at: 1 }, { expireAfterSeconds: 30 * 86_400 });

export const ChatQueueModel = model("ChatQueue", chatQueueSchema);
