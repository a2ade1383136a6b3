import { Schema, model, type InferSchemaType } from "mongoose";

/** Who changed what, and when: every change of state a person caused. */
const auditEntrySchema = new Schema({
  at: { type: Date, required: true },
  actor: {
    telegramId: { type: Number, default: null },
    name: { type: String, default: null },
    /** chat, cli or job: where the change came from. */
    via: { type: String, enum: ["chat", "cli", "job"], required: true },
  },
  /** A dotted verb: "plan.imported", "report.submitted", "invite.used" … */
  action: { type: String, required: true },
  subject: { kind: { type: String, required: true }, id: { type: String, default: null } },
  details: { type: Schema.Types.Mixed, default: {} },
  /** Set on an entry written once whatever replays it (a confirmation after a crash): its identity. */
  key: { type: String },
});
auditEntrySchema.index({ at: 1 });
auditEntrySchema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $type: "string" } } });
auditEntrySchema.index({ "subject.kind": 1, "subject.id": 1, at: 1 });

export type AuditEntry = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntryModel = model("AuditEntry", auditEntrySchema);
