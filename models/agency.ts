import { Schema, model, type InferSchemaType } from "mongoose";
import { raiseGenerationOnWrites } from "./write-generation.ts";
import { AGENCY_KINDS } from "../src/agencies/agency-kinds.ts";
import { nameKey } from "../src/agencies/name-key.ts";

/** Cơ quan, đơn vị: a unit a plan assigns work to, with the names plans use for it. */
const agencySchema = new Schema(
  {
    code: { type: String, required: true, trim: true, uppercase: true, match: /^[A-Z0-9][A-Z0-9_-]*$/ },
    name: { type: String, required: true, trim: true },
    /** As written in plans: "HĐ TĐKT tỉnh", "Ban TĐKT, Sở Nội vụ" … */
    aliases: { type: [String], default: [] },
    /** nameKey() of the name, code and aliases: what a plan's unit name is looked up by. */
    nameKeys: { type: [String], default: [] },
    kind: { type: String, enum: AGENCY_KINDS, required: true },
    /** Code of the emulation bloc (khối thi đua); empty for UBND, the Council and the like. */
    bloc: { type: String, trim: true, uppercase: true, default: null },
    /** False once merged into another agency or retired: nothing is sent to it, its names lead to `successor`. */
    active: { type: Boolean, default: true },
    /** Local dates ("2025-07-01") from which and until which (inclusive) the agency existed as such. */
    validFrom: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    validUntil: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    /** The agency it was merged into (Sở LĐTBXH → Sở Nội vụ; a district → a commune). */
    successor: { type: Schema.Types.ObjectId, ref: "Agency", default: null },
  },
  { timestamps: true },
);
agencySchema.index({ code: 1 }, { unique: true });
agencySchema.index({ nameKeys: 1 });
agencySchema.index({ bloc: 1 });

agencySchema.pre("validate", function keepNameKeys() {
  this.aliases = [...new Set(this.aliases.map((alias) => alias.trim()).filter(Boolean))];
  this.nameKeys = [...new Set([this.name, this.code, ...this.aliases].map(nameKey))];
});

// What an instance keeps of agencies is checked against the writes (models/write-generation.ts).
raiseGenerationOnWrites(agencySchema, "agencies");

export type Agency = InferSchemaType<typeof agencySchema>;
export const AgencyModel = model("Agency", agencySchema);
