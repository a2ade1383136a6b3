import { DigestSnapshotModel } from "../../models/digest-snapshot.ts";
import { EmulationBlocModel } from "../../models/emulation-bloc.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { changeSince, computeDigest, type DigestChange, type DigestFigures, type RoundFigures } from "../digest/digest-figures.ts";
import type { Translate } from "../i18n.ts";
import { digestChart, formatDigest } from "../messages/digest-message.ts";
import { daysLeft } from "../nominations/round-window.ts";
import { renderStackedBarPng } from "../reports/progress-chart.ts";
import { localDate, yearMonthAt } from "../time/calendar.ts";
import { loadMonthData } from "./follow-up-data.ts";
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

export async function buildDigest(now: Date, timeZone: string, t: Translate): Promise<Digest> {
  const month = yearMonthAt(now, timeZone);
  const day = localDate(now, timeZone);
  const [data, blocs, rounds] = await Promise.all([loadMonthData(month), EmulationBlocModel.find().sort({ order: 1 }).lean(), openRoundFigures(now)]);
  const figures = computeDigest({
    month,
    today: day,
    ...data,
    blocNames: new Map(blocs.map((bloc) => [bloc.code, bloc.name])),
    rounds,
    noBlocName: t("digest-no-bloc"),
  });
  const previous = await DigestSnapshotModel.findOne({ day: { $lt: day } }).sort({ day: -1 }).lean();
  const change = changeSince(figures, (previous?.figures as DigestFigures | undefined) ?? null);
  return { day, figures, change, html: formatDigest(figures, change, month, t), png: renderStackedBarPng(digestChart(figures, month, t)) };
}

/** Keeps the figures the leaders were sent, for next week's comparison. */
export async function keepDigest(digest: Digest, now: Date): Promise<void> {
  await DigestSnapshotModel.updateOne({ day: digest.day }, { $set: { at: now, figures: digest.figures } }, { upsert: true });
}
