import { Schema, model } from "mongoose";

/**
 * A secret that signs the dashboard's links and sessions (HMAC-SHA256). Made by dondoc, never
 * configured: one per 30-day period, numbered by the period, so every instance on the database
 * signs with the same one; a link or session signed with a key older than the one before is
 * refused. `npm run cli -- dashboard rotate-keys` deletes them all at once.
 */
const dashboardKeySchema = new Schema(
  {
    /** The period's number (days since 1970 ÷ 30): the key of a token says which secret to check it with. */
    kid: { type: Number, required: true },
    secret: { type: String, required: true },
  },
  { timestamps: true },
);
dashboardKeySchema.index({ kid: 1 }, { unique: true });

export const DashboardKeyModel = model("DashboardKey", dashboardKeySchema);
