import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * A message the bot sends on its own initiative (push, reminders, group notices). Stored before
 * it is sent, so a crash loses nothing; the key makes enqueuing the same message twice a no-op.
 */
export const OUTBOX_STATES = ["pending", "sending", "sent", "failed"] as const;

const outboxMessageSchema = new Schema(
  {
    key: { type: String, required: true },
    chatId: { type: Number, required: true },
    /** The payload is the method's parameters without chat_id; a photo travels as base64. */
    method: { type: String, enum: ["sendMessage", "sendPhoto"], default: "sendMessage" },
    payload: { type: Schema.Types.Mixed, required: true },
    purpose: { type: String, required: true },
    /** The member it goes to, when it goes to a person: marked unreachable on 403. */
    member: { type: Schema.Types.ObjectId, ref: "Member", default: null },
    /** What the message is about, so a reply to it can lead into the right report. */
    about: {
      agency: { type: Schema.Types.ObjectId, ref: "Agency", default: null },
      period: { type: String, default: null },
      milestones: { type: [Schema.Types.ObjectId], ref: "Milestone", default: [] },
    },
    state: { type: String, enum: OUTBOX_STATES, default: "pending" },
    attempts: { type: Number, default: 0 },
    notBefore: { type: Date, required: true },
    /** Its place among the messages of one batch to the same chat (page 1, 2 …): first pages to every chat go first. */
    position: { type: Number, default: 0 },
    claimedAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    sentMessageId: { type: Number, default: null },
    lastError: { type: String, default: null },
    failedAt: { type: Date, default: null },
    /** When a sent message may be deleted (RETENTION_DAYS after sending); failed ones are kept for a person. */
    expireAt: { type: Date, default: null },
  },
  { timestamps: true },
);
outboxMessageSchema.index({ key: 1 }, { unique: true });
outboxMessageSchema.index({ state: 1, position: 1, notBefore: 1 });
outboxMessageSchema.index({ chatId: 1, sentMessageId: 1 });
outboxMessageSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });
outboxMessageSchema.index({ state: 1, failedAt: -1 });

export type OutboxMessage = InferSchemaType<typeof outboxMessageSchema>;
export const OutboxMessageModel = model("OutboxMessage", outboxMessageSchema);
