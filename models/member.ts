import { Schema, model, type InferSchemaType } from "mongoose";
import { raiseGenerationOnWrites } from "./write-generation.ts";

/** A person the bot works with, and what they may do. Roles come only from invites or an admin. */
export const ROLES = ["focal", "secretariat", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

const roleGrantSchema = new Schema(
  {
    role: { type: String, enum: ROLES, required: true },
    /** The agency a focal officer (cán bộ đầu mối) answers for. */
    agency: { type: Schema.Types.ObjectId, ref: "Agency", default: null },
    grantedAt: { type: Date, required: true },
    grantedBy: { type: String, default: null },
  },
  { _id: false },
);

const memberSchema = new Schema(
  {
    telegramId: { type: Number, required: true },
    displayName: { type: String, required: true, trim: true },
    username: { type: String, default: null },
    roles: { type: [roleGrantSchema], default: [] },
    locale: { type: String, enum: ["vi", "en"], default: "vi" },
    /** unreachable: Telegram refused delivery (blocked the bot); revoked: removed by the secretariat. */
    status: { type: String, enum: ["active", "unreachable", "revoked"], default: "active" },
    statusChangedAt: { type: Date, default: null },
    /** Away (leave, mission) until this local date, inclusive: the agency's other officers get its messages meanwhile. */
    awayUntil: { type: String, default: null, match: /^\d{4}-\d{2}-\d{2}$/ },
    /** The person's chat on the other network (Zalo beside Telegram, or the reverse), linked with /lienket. */
    linkedChatId: { type: Number, default: null },
    /** Where dondoc writes unasked: the linked chat when true, else the chat the person joined from. */
    writeToLinked: { type: Boolean, default: false },
    /** A one-time code that links a second chat, and until when it works. */
    linkCode: { type: String, default: null },
    linkCodeExpiresAt: { type: Date, default: null },
    /** The chat that refused dondoc (blocked it) when it moved to the other one. */
    refusedChatId: { type: Number, default: null },
  },
  { timestamps: true },
);
memberSchema.index({ telegramId: 1 }, { unique: true });
memberSchema.index({ linkedChatId: 1 }, { unique: true, partialFilterExpression: { linkedChatId: { $type: "number" } } });
memberSchema.index({ linkCode: 1 }, { sparse: true });
memberSchema.index({ "roles.role": 1, "roles.agency": 1 });

// What an instance keeps of members is checked against the writes (models/write-generation.ts).
raiseGenerationOnWrites(memberSchema, "members");

export type Member = InferSchemaType<typeof memberSchema>;
export const MemberModel = model("Member", memberSchema);
