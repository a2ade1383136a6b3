import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * A day the government announced differently from the statutory rules: a day off (the day
 * beside Quốc khánh, a Tết day moved) or a Saturday worked in exchange. One document a date.
 */
const calendarDaySchema = new Schema(
  {
    /** The local date, "2026-09-01". */
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    kind: { type: String, enum: ["off", "working"], required: true },
    name: { type: String, required: true, trim: true, maxlength: 200 },
  },
  { timestamps: true },
);
calendarDaySchema.index({ date: 1 }, { unique: true });

export type CalendarDay = InferSchemaType<typeof calendarDaySchema>;
export const CalendarDayModel = model("CalendarDay", calendarDaySchema);
