import { Schema, model } from "mongoose";

/**
 * A dashboard credential already exchanged for a session (Telegram launch data, a login-button
 * authorisation, a signed link): kept until it would have expired anyway, so that the same one
 * presented again is refused, on any instance.
 */
const usedCredentialSchema = new Schema(
  {
    /** "<kind>:<hash>": the kind of credential and a digest of it. */
    key: { type: String, required: true },
    expireAt: { type: Date, required: true },
  },
  { timestamps: true },
);
usedCredentialSchema.index({ key: 1 }, { unique: true });
usedCredentialSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export const UsedCredentialModel = model("UsedCredential", usedCredentialSchema);
