import { InputFile } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { translatorFor } from "../i18n.ts";
import { DEFAULT_DOCUMENT_SETTINGS } from "../reports/document-settings.ts";
import { ReportTemplateError } from "../reports/report-docx.ts";
import { buildReportFile, ReportRequestError } from "../services/periodic-report-data.ts";
import type { YearMonth } from "../time/calendar.ts";

/**
 * The periodic report as a Word file in this chat (/baocaoky, and /dongnam's year-end close): a
 * range or a template that cannot be used gets one sentence instead.
 */
export async function sendPeriodReport(ctx: BotContext, deps: BotDeps, from: YearMonth, to: YearMonth): Promise<void> {
  // A document is plain text: its translator escapes nothing.
  const t = translatorFor(ctx.i18n.locale);
  const settings = deps.config.documents ?? DEFAULT_DOCUMENT_SETTINGS;
  try {
    const file = await buildReportFile({ from, to, now: deps.clock.now(), timeZone: deps.config.timeZone }, settings, t);
    await ctx.replyWithDocument(new InputFile(file.bytes, file.name), { caption: ctx.t("doc-caption", { summary: file.summary }) });
  } catch (error) {
    if (error instanceof ReportRequestError) return void (await ctx.reply(ctx.t(error.key, error.params)));
    if (error instanceof ReportTemplateError) return void (await ctx.reply(ctx.t("doc-error-template", { reason: error.reason })));
    throw error;
  }
}
