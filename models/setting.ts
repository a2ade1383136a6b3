import { Schema, model, type InferSchemaType } from "mongoose";

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

export type Setting = InferSchemaType<typeof settingSchema>;
export const SettingModel = model("Setting", settingSchema);
