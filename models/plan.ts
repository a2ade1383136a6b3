import { Schema, model, type InferSchemaType } from "mongoose";
import { raiseGenerationOnWrites } from "./write-generation.ts";

/** A yearly plan as issued: "Kế hoạch công tác thi đua, khen thưởng năm N". */
const planSchema = new Schema(
  {
    /** What makes two imports the same plan: year and number, or year and title without a number. */
    identity: { type: String, required: true },
    year: { type: Number, required: true, min: 1900, max: 2200 },
    title: { type: String, required: true, trim: true },
    number: { type: String, default: null },
    issuer: { type: String, default: null },
    /** Calendar date as written (YYYY-MM-DD): a date without a time of day. */
    issuedOn: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    sourceText: { type: String, default: "" },
    /** sha256 of what was imported: re-importing the same content changes nothing. */
    contentHash: { type: String, default: "" },
    /** importing: milestones are being written; only an active plan is followed up. */
    status: { type: String, enum: ["importing", "active", "archived"], default: "active" },
    warnings: { type: [{ row: { type: String, default: null }, message: String, _id: false }], default: [] },
    importedBy: { type: String, default: null },
    /** Set when the secretariat closes the plan's year: its unfinished work stops being followed up. */
    closedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
planSchema.index({ identity: 1 }, { unique: true });
planSchema.index({ status: 1, year: 1 });

// What an instance keeps of plans is checked against the writes (models/write-generation.ts).
raiseGenerationOnWrites(planSchema, "plans");

export type Plan = InferSchemaType<typeof planSchema>;
export const PlanModel = model("Plan", planSchema);
