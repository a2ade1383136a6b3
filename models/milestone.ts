import { Schema, model, type InferSchemaType } from "mongoose";
import { raiseGenerationOnWrites } from "./write-generation.ts";

/** One task of a plan, with its month window and the agencies answerable for it. */
const planUnitSchema = new Schema(
  {
    name: { type: String, required: true },
    role: { type: String, enum: ["lead", "coordinating"], required: true },
    /** Agencies this name resolved to; empty when unmatched (listed for a person to fix). */
    agencies: { type: [Schema.Types.ObjectId], ref: "Agency", default: [] },
  },
  { _id: false },
);

const milestoneSchema = new Schema(
  {
    plan: { type: Schema.Types.ObjectId, ref: "Plan", required: true },
    /** Stable within the plan across corrected re-imports: row and text. */
    key: { type: String, required: true },
    position: { type: Number, required: true },
    row: { type: String, default: null },
    text: { type: String, required: true },
    months: { type: [Number], default: [], validate: (months: number[]) => months.every((m) => Number.isInteger(m) && m >= 1 && m <= 12) },
    recurring: { type: Boolean, default: false },
    due: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    units: { type: [planUnitSchema], default: [] },
    leadAgencies: { type: [Schema.Types.ObjectId], ref: "Agency", default: [] },
    coordinatingAgencies: { type: [Schema.Types.ObjectId], ref: "Agency", default: [] },
    allAgencies: { type: Boolean, default: false },
    allAgenciesRole: { type: String, enum: ["lead", "coordinating", null], default: null },
    /** Set when a corrected plan no longer has this task; kept because reports may point to it. */
    retiredAt: { type: Date, default: null },
  },
  { timestamps: true },
);
milestoneSchema.index({ plan: 1, key: 1 }, { unique: true });
milestoneSchema.index({ plan: 1, months: 1 });
milestoneSchema.index({ leadAgencies: 1 });
milestoneSchema.index({ coordinatingAgencies: 1 });

// What an instance keeps of milestones is checked against the writes (models/write-generation.ts).
raiseGenerationOnWrites(milestoneSchema, "milestones");

export type Milestone = InferSchemaType<typeof milestoneSchema>;
export const MilestoneModel = model("Milestone", milestoneSchema);
