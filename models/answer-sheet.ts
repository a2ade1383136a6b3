import { Schema, Types, model, type InferSchemaType } from "mongoose";
import { PROGRESS_STATUSES, type ProgressStatus } from "../src/followup/milestone-view.ts";

/**
 * Agencies' answers kept beside their progress reports, so that a month's views read a few
 * documents per agency (2,000 at 1,000 agencies) instead of one per report (50,000 on the last
 * day of a month). Two kinds, one collection (one write for both):
 * - a month's sheet (`period` "YYYY-MM"): for each task the agency answered in the month, the
 *   latest version's status, as `version × 8 + status`;
 * - a year's sheet (`period` "YYYY"): the same, per task and month, for the reports that were
 *   "done" in any version, written from that version on. An entry missing means "never done",
 *   one present is the latest: what "done in an earlier month" (one-off work) is read from.
 *
 * Entries are written with `$max`, so an entry only ever moves to a later version of its
 * report: writing a version twice (a replay after a crash), or an older one after a newer (two
 * instances), changes nothing, and a sheet says what the reports say whatever the order of the
 * writes. ProgressReport's hooks write them for every write through mongoose that hands back
 * its document; an officer's new version, written through the driver, is recorded here by
 * `submitProgressReport`; writes that do not hand back the document (a merge's moves) rebuild
 * the sheets of the agencies they touched.
 */
const answerSheetSchema = new Schema(
  {
    /** "YYYY-MM" for a month's sheet, "YYYY" for a year's. */
    period: { type: String, required: true },
    agency: { type: Schema.Types.ObjectId, ref: "Agency", required: true },
    /** A month's sheet: milestone id → code. */
    answers: { type: Schema.Types.Mixed, default: undefined },
    /** A year's sheet: milestone id → period → code. */
    done: { type: Schema.Types.Mixed, default: undefined },
  },
  { minimize: false, versionKey: false },
);
answerSheetSchema.index({ period: 1, agency: 1 }, { unique: true });

export type AnswerSheet = InferSchemaType<typeof answerSheetSchema>;
export const AnswerSheetModel = model("AnswerSheet", answerSheetSchema);

const STATUS_SLOTS = 8;

/** What a sheet keeps of a report: enough to know its latest status and whether a write is newer. */
export interface SheetEntry {
  milestone: Types.ObjectId | string;
  agency: Types.ObjectId | string;
  period: string;
  status: ProgressStatus;
  version: number;
  /** The report's history, when at hand: a report once "done" stays in the year's sheet. */
  versions?: { status?: string | null }[];
}

export const sheetCode = (entry: Pick<SheetEntry, "version" | "status">): number => entry.version * STATUS_SLOTS + PROGRESS_STATUSES.indexOf(entry.status);

export const statusOfCode = (code: number): ProgressStatus => PROGRESS_STATUSES[code % STATUS_SLOTS]!;

/** Whether the year's sheet keeps this report: it is, or once was, "done". */
const keptInYear = (entry: SheetEntry) => entry.status === "done" || (entry.versions ?? []).some((version) => version.status === "done");

/** Writes reports' latest statuses into their sheets; never moves an entry back to an older version. */
export async function recordInSheets(entries: SheetEntry[]): Promise<void> {
  // One write a sheet, however many of its entries come together (a rebuild, a seeded month).
  const sheets = new Map<string, { period: string; agency: Types.ObjectId; max: Record<string, number> }>();
  const raise = (period: string, agency: Types.ObjectId, field: string, code: number) => {
    const key = `${period}|${agency}`;
    const sheet = sheets.get(key) ?? { period, agency, max: {} };
    sheet.max[field] = Math.max(sheet.max[field] ?? -1, code);
    sheets.set(key, sheet);
  };
  for (const entry of entries) {
    if (!/^\d{4}-\d{2}$/.test(entry.period ?? "") || !entry.status || !Number.isInteger(entry.version)) continue;
    const agency = new Types.ObjectId(String(entry.agency));
    const milestone = String(entry.milestone);
    const code = sheetCode(entry);
    raise(entry.period, agency, `answers.${milestone}`, code);
    if (keptInYear(entry)) raise(entry.period.slice(0, 4), agency, `done.${milestone}.${entry.period}`, code);
  }
  if (sheets.size === 0) return;
  const operations = [...sheets.values()].map(({ period, agency, max }) => ({ updateOne: { filter: { period, agency }, update: { $max: max }, upsert: true } }));
  for (let attempt = 0; ; attempt++) {
    try {
      // Straight to the driver: every value is already of its stored type, nothing to cast.
      await AnswerSheetModel.collection.bulkWrite(operations, { ordered: false });
      return;
    } catch (error) {
      // Two first answers of an agency's month at once: one upsert lost the race; $max makes the rerun harmless.
      if ((error as { code?: number }).code !== 11000 || attempt === 2) throw error;
    }
  }
}
