import { AgencyModel } from "../../models/agency.ts";
import { GroupNoticeModel } from "../../models/group-notice.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import type { BotDeps } from "../bot-deps.ts";
import { messageTranslatorFor } from "../i18n.ts";
import { shorten, trusted } from "../messages/html.ts";
import { splitMessage } from "../messages/split-message.ts";
import type { CountLine } from "../nominations/round-totals.ts";
import { enqueueMessage } from "../outbox/enqueue.ts";
import type { SavedReport } from "./progress-reports.ts";
import { secretariatChatId } from "./secretariat-chat.ts";
import { versionKey } from "./versioned-save.ts";

/**
 * One line in the secretariat group for each report and nomination, gathered so the group gets
 * at most one message every few minutes. A line is stored first, then taken into a batch whose
 * key is its outbox key, so a crash at any point neither loses nor doubles a line.
 */
export async function addGroupNotice(html: string, now: Date, once?: string): Promise<void> {
  // Straight to the driver, with the schema's defaults: a line is added at every confirmation.
  const line = { html, at: now, batchKey: null, posted: false, expireAt: null };
  // `once`: added only if no line with that key is there (a confirmation replayed after a crash).
  if (once) await GroupNoticeModel.collection.updateOne({ key: once }, { $setOnInsert: line }, { upsert: true });
  else await GroupNoticeModel.collection.insertOne(line);
}

export async function announceReport(saved: SavedReport, answer: { status: string; percent: number }, deps: BotDeps, now: Date): Promise<void> {
  const t = messageTranslatorFor(deps.config.defaultLocale);
  const row = saved.milestoneRow ? `[${saved.milestoneRow}] ` : "";
  await addGroupNotice(
    t("report-group-notice", {
      agency: saved.agencyName,
      milestone: `${row}${shorten(saved.milestoneText, 120)}`,
      status: trusted(t(`status-${answer.status}`)),
      percent: answer.status === "done" ? "" : ` ${answer.percent}%`,
      version: saved.version,
    }),
    now,
    versionKey("progress-report", saved.reportId, saved.version),
  );
}

export async function announceNomination(
  submitted: { roundId: string; agencyId: string; reportId: string; version: number; lines: CountLine[] },
  now: Date,
  deps: BotDeps,
): Promise<void> {
  const t = messageTranslatorFor(deps.config.defaultLocale);
  const [round, agency] = await Promise.all([NominationRoundModel.findById(submitted.roundId).lean(), AgencyModel.findById(submitted.agencyId).lean()]);
  const collective = submitted.lines.reduce((s, l) => s + l.collective, 0);
  const individual = submitted.lines.reduce((s, l) => s + l.individual, 0);
  await addGroupNotice(
    t(round?.kind === "registration" ? "registration-group-notice" : "nomination-group-notice", {
      agency: agency?.name ?? "?",
      seq: round?.seq ?? 0,
      collective,
      individual,
      version: submitted.version,
    }),
    now,
    versionKey("nomination-report", submitted.reportId, submitted.version),
  );
}

/** Posts the waiting lines as one message (split only past Telegram's limit). */
export async function flushGroupNotices(config: { secretariatChatId: number | undefined; retentionDays?: number }, now: Date): Promise<number> {
  const chatId = await secretariatChatId(config.secretariatChatId);
  if (chatId === null) return 0;
  const first = await GroupNoticeModel.findOne({ batchKey: null, at: { $lte: now } }).sort({ at: 1, _id: 1 }).lean();
  if (first) await GroupNoticeModel.updateMany({ batchKey: null, at: { $lte: now } }, { $set: { batchKey: `notices:${String(first._id)}` } });
  // Every batch not yet in the outbox, including one a crash left between these two steps.
  const batchKeys = (await GroupNoticeModel.distinct("batchKey", { posted: false, batchKey: { $ne: null } })) as string[];
  let enqueued = 0;
  for (const batchKey of batchKeys.sort()) {
    const lines = await GroupNoticeModel.find({ batchKey }).sort({ at: 1, _id: 1 }).lean();
    for (const [index, part] of splitMessage(lines.map((line) => line.html).join("\n")).entries()) {
      if (await enqueueMessage({ key: `${batchKey}:${index}`, chatId, text: part, purpose: "group-notices", notBefore: now })) enqueued++;
    }
    await GroupNoticeModel.updateMany({ batchKey }, { $set: { posted: true, expireAt: new Date(now.getTime() + (config.retentionDays ?? 90) * 86_400_000) } });
  }
  return enqueued;
}
