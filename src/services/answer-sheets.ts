import type { Types } from "mongoose";
import { AnswerSheetModel, recordInSheets, statusOfCode, type SheetEntry } from "../../models/answer-sheet.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { SettingModel } from "../../models/setting.ts";
import type { AnswerView } from "../followup/milestone-view.ts";
import type { AnswersOfAgency } from "../followup/month-figures.ts";
import { periodKey, type YearMonth } from "../time/calendar.ts";

/**
 * The months' answer sheets (models/answer-sheet.ts): read by the month's views, and
 * rebuilt from the reports where a write could not keep them (a merge's moves) or before they
 * existed (a database from an earlier version).
 */
const BATCH = 20_000;
const BUILT_KEY = "answer-sheets-built";

/**
 * Writes the sheets again from the reports: of the given agencies (their sheets emptied first,
 * for reports that moved away), or of every agency (nothing emptied: two instances starting at
 * once both write, and neither undoes the other). Safe beside reports being saved: every write
 * keeps the later version.
 */
export async function rebuildAnswerSheets(agencies?: (Types.ObjectId | string)[]): Promise<void> {
  const only = agencies ? { agency: { $in: agencies } } : {};
  if (agencies) await AnswerSheetModel.deleteMany(only);
  let batch: SheetEntry[] = [];
  for await (const report of ProgressReportModel.find(only, { _id: 0, milestone: 1, agency: 1, period: 1, status: 1, version: 1, "versions.status": 1 }).lean().cursor({ batchSize: BATCH })) {
    batch.push(report as SheetEntry);
    if (batch.length === BATCH) {
      await recordInSheets(batch);
      batch = [];
    }
  }
  await recordInSheets(batch);
}

/** Builds the sheets once on a database whose reports predate them; later starts find them built. */
export async function ensureAnswerSheets(log: (line: string) => void = () => {}): Promise<void> {
  if (await SettingModel.exists({ key: BUILT_KEY })) return;
  const reports = await ProgressReportModel.estimatedDocumentCount();
  if (reports > 0) log(`building the months' answer sheets from ${reports} progress reports`);
  await rebuildAnswerSheets();
  await SettingModel.updateOne({ key: BUILT_KEY }, { $set: { value: 1 } }, { upsert: true });
}

type MonthSheet = Record<string, number>;
type YearSheet = Record<string, Record<string, number>>;

/** One agency's answers as its sheets keep them: the month's latest statuses, and what was done when. */
class SheetAnswers implements AnswersOfAgency {
  constructor(
    private readonly agencyId: string,
    private readonly period: string,
    private readonly month: MonthSheet | undefined,
    private readonly year: YearSheet | undefined,
  ) {}

  for(milestoneId: string, period: string): AnswerView | undefined {
    const code = period === this.period ? this.month?.[milestoneId] : undefined;
    return code === undefined ? undefined : { milestoneId, agencyId: this.agencyId, period, status: statusOfCode(code) };
  }

  finishedBefore(milestoneId: string, period: string): boolean {
    const months = this.year?.[milestoneId];
    return months !== undefined && Object.entries(months).some(([month, code]) => month < period && statusOfCode(code) === "done");
  }
}

/**
 * Every agency's answers of a month, from two sheets an agency (the month's and the year's), in
 * one query; without `withEarlier` (no one-off work in the month) the month's only.
 */
export async function loadSheetAnswers(month: YearMonth, withEarlier = true): Promise<(agencyId: string) => AnswersOfAgency> {
  const period = periodKey(month);
  const sheets = await AnswerSheetModel.find({ period: withEarlier ? { $in: [period, String(month.year)] } : period }, { _id: 0 }).lean<{ agency: Types.ObjectId; period: string; answers?: MonthSheet; done?: YearSheet }[]>();
  const months = new Map<string, MonthSheet>();
  const years = new Map<string, YearSheet>();
  for (const sheet of sheets) {
    if (sheet.period === period) months.set(String(sheet.agency), sheet.answers ?? {});
    else years.set(String(sheet.agency), sheet.done ?? {});
  }
  return (agencyId) => new SheetAnswers(agencyId, period, months.get(agencyId), years.get(agencyId));
}
