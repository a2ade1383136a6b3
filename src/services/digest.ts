import { DigestSnapshotModel } from "../../models/digest-snapshot.ts";
import { EmulationBlocModel } from "../../models/emulation-bloc.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { changeSince, computeDigest, type DigestChange, type DigestFigures, type RoundFigures } from "../digest/digest-figures.ts";
import type { Translate } from "../i18n.ts";
import { digestChart, formatDigest } from "../messages/digest-message.ts";
import { daysLeft } from "../nominations/round-window.ts";
import { renderStackedBarPng } from "../reports/progress-chart.ts";
import { monthsBefore } from "../followup/reportable-periods.ts";
import { compareMonths, localDate, periodKey, yearMonthAt, type YearMonth } from "../time/calendar.ts";
import { loadFiguresForMonths, loadOverdueTasks } from "./month-figures-data.ts";
import { totalsOf } from "./nomination-rounds.ts";

/** The leaders' digest as of an instant: figures, the change since the last digest, text and chart. */
export interface Digest {
  day: string;
  figures: DigestFigures;
  change: DigestChange | null;
  html: string;
  png: Buffer;
}

async function openRoundFigures(now: Date): Promise<RoundFigures[]> {
  const rounds = await NominationRoundModel.find({ status: "open" }).sort({ deadline: 1 }).lean();
  const figures: RoundFigures[] = [];
  for (const round of rounds) {
    const totals = await totalsOf(round);
    figures.push({
      seq: round.seq,
      title: round.title,
      submitted: totals.byAgency.length,
      asked: round.agencies.length,
      collective: totals.total.collective,
      individual: totals.total.individual,
      daysLeft: daysLeft(round.deadline, now),
    });
  }
  return figures;
}

/** The digest as of `now`, or of a month asked for ("/tonghop 12/2026": as it stood at that month's end). */
export async function buildDigest(now: Date, timeZone: string, t: Translate, asked?: YearMonth): Promise<Digest> {
  const current = yearMonthAt(now, timeZone);
  const month = asked ?? current;
  const day = asked && compareMonths(asked, current) < 0 ? `${periodKey(asked)}-${String(new Date(Date.UTC(asked.year, asked.month, 0)).getUTCDate()).padStart(2, "0")}` : localDate(now, timeZone);
  const [[twoBefore, oneBefore, figures], overdue, blocs, rounds] = await Promise.all([
    loadFiguresForMonths([monthsBefore(month, 2), monthsBefore(month, 1), month]),
    loadOverdueTasks(month, day),
    EmulationBlocModel.find().sort({ order: 1 }).lean(),
    openRoundFigures(now),
  ]);
  const digest = computeDigest({
    figures: figures!,
    monthsBefore: [twoBefore!, oneBefore!],
    overdue,
    blocNames: new Map(blocs.map((bloc) => [bloc.code, bloc.name])),
    rounds,
    noBlocName: t("digest-no-bloc"),
  });
  const previous = await DigestSnapshotModel.findOne({ day: { $lt: day } }).sort({ day: -1 }).lean();
  const change = changeSince(digest, previous?.figures ?? null);
  return { day, figures: digest, change, html: formatDigest(digest, change, month, t), png: await renderStackedBarPng(digestChart(digest, month, t)) };
}

/** Keeps the figures the leaders were sent, for next week's comparison. */
export async function keepDigest(digest: Digest, now: Date): Promise<void> {
  await DigestSnapshotModel.updateOne({ day: digest.day }, { $set: { at: now, figures: digest.figures } }, { upsert: true });
}
