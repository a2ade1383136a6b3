import { Schema, model, type InferSchemaType } from "mongoose";

/** Khối thi đua: the province's agencies grouped to emulate one another. */
const emulationBlocSchema = new Schema(
  {
    code: { type: String, required: true, trim: true, uppercase: true },
    name: { type: String, required: true, trim: true },
    order: { type: Number, default: 0 },
  },
  { timestamps: true },
);
emulationBlocSchema.index({ code: 1 }, { unique: true });

export type EmulationBloc = InferSchemaType<typeof emulationBlocSchema>;
export const EmulationBlocModel = model("EmulationBloc", emulationBlocSchema);
