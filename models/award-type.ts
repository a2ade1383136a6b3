import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * The catalogue of titles (danh hiệu thi đua) and forms of commendation (hình thức khen thưởng)
 * a round may ask for. Shipped as data, editable: provinces and decrees change it.
 */
export const AWARD_SCOPES = ["collective", "individual", "both"] as const;
export type AwardScope = (typeof AWARD_SCOPES)[number];

const awardTypeSchema = new Schema(
  {
    code: { type: String, required: true, trim: true, uppercase: true, match: /^[A-Z0-9][A-Z0-9_-]*$/ },
    name: { type: String, required: true, trim: true },
    /** title: danh hiệu thi đua; commendation: hình thức khen thưởng. */
    category: { type: String, enum: ["title", "commendation"], required: true },
    scope: { type: String, enum: AWARD_SCOPES, required: true },
    /** Who confers it: state, government, province, grassroots. */
    level: { type: String, enum: ["state", "government", "province", "grassroots"], required: true },
    legalBasis: { type: String, default: "" },
    order: { type: Number, default: 0 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
awardTypeSchema.index({ code: 1 }, { unique: true });

export type AwardType = InferSchemaType<typeof awardTypeSchema>;
export const AwardTypeModel = model("AwardType", awardTypeSchema);
