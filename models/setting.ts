import { Schema, model, type InferSchemaType } from "mongoose";
import { raiseGenerationOnWrites } from "./write-generation.ts";

/** Values the bot learns at run time, such as the secretariat group bound with /bind. */
const settingSchema = new Schema(
  {
    key: { type: String, required: true },
    value: { type: Schema.Types.Mixed, required: true },
    setBy: { type: Number, default: null },
  },
  { timestamps: true },
);
settingSchema.index({ key: 1 }, { unique: true });

// What an instance keeps of settings is checked against the writes (models/write-generation.ts).
raiseGenerationOnWrites(settingSchema, "settings");

export type Setting = InferSchemaType<typeof settingSchema>;
export const SettingModel = model("Setting", settingSchema);
