import { Schema, model, type InferSchemaType } from "mongoose";
import { ROLES } from "./member.ts";

/** A single-use, expiring code that gives whoever opens it one role. */
const inviteSchema = new Schema(
  {
    code: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    agency: { type: Schema.Types.ObjectId, ref: "Agency", default: null },
    createdBy: { type: String, default: null },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    usedBy: { type: Number, default: null },
    revokedAt: { type: Date, default: null },
    /** The first admin's invite, printed at start-up on a database with no admin. */
    bootstrap: { type: Boolean, default: false },
  },
  { timestamps: true },
);
inviteSchema.index({ code: 1 }, { unique: true });

export type Invite = InferSchemaType<typeof inviteSchema>;
export const InviteModel = model("Invite", inviteSchema);
