import type { BotDeps } from "../bot-deps.ts";
import { translatorFor } from "../i18n.ts";
import { escapeHtml, shorten } from "../messages/html.ts";
import { enqueueMessage } from "../outbox/enqueue.ts";
import type { SavedReport } from "./progress-reports.ts";
import { secretariatChatId } from "./secretariat-chat.ts";

/** One line in the secretariat group for each report version, through the outbox. */
export async function sendReportNotice(saved: SavedReport, answer: { status: string; percent: number }, deps: BotDeps, now: Date): Promise<void> {
  const chatId = await secretariatChatId(deps.config.secretariatChatId);
  if (chatId === null) return;
  const t = translatorFor(deps.config.defaultLocale);
  const row = saved.milestoneRow ? `[${escapeHtml(saved.milestoneRow)}] ` : "";
  const text = t("report-group-notice", {
    agency: escapeHtml(saved.agencyName),
    milestone: `${row}${escapeHtml(shorten(saved.milestoneText, 120))}`,
    status: t(`status-${answer.status}`),
    percent: answer.status === "done" ? "" : ` ${answer.percent}%`,
    version: saved.version,
  });
  await enqueueMessage({ key: `report:${saved.reportId}:v${saved.version}`, chatId, text, purpose: "report-notice", notBefore: now });
  deps.wakeOutbox();
}
