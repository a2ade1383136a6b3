import { Composer, InputFile } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { translatorFor } from "../i18n.ts";
import { readMonth } from "../followup/reportable-periods.ts";
import { DEFAULT_DOCUMENT_SETTINGS } from "../reports/document-settings.ts";
import { readRangeWords } from "../reports/report-period.ts";
import { buildStatisticalForms } from "../services/statistical-forms-data.ts";
import { yearMonthAt } from "../time/calendar.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { sendPeriodReport } from "../chat/send-period-report.ts";
import { maySeeSecretariatViews, refuseView } from "../chat/roles.ts";

/**
 * /baocaoky 1/2026 6/2026 (/periodreport): the periodic report the secretariat signs, as a Word
 * file in the layout of Decree 30/2020, made from the same figures as /tinhhinh. The same
 * document comes with /dongnam's year-end close (src/features/year-close.ts). /bieuthongke 2026
 * (/statforms): the Ministry's statistical forms of the year.
 */
export function periodReportFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "period-report", async (ctx: BotContext) => {
    if (!maySeeSecretariatViews(ctx)) return refuseView(ctx);
    const current = yearMonthAt(deps.clock.now(), deps.config.timeZone);
    const words = (typeof ctx.match === "string" ? ctx.match.trim() : "").split(/\s+/).filter(Boolean);
    const range = readRangeWords(words, current, readMonth);
    if ("usage" in range) return void (await ctx.reply(ctx.t("doc-usage", { year: String(current.year) })));
    if ("badMonth" in range) return void (await ctx.reply(ctx.t("bad-month-argument", { value: range.badMonth, example: `${current.month}/${current.year}` })));
    await sendPeriodReport(ctx, deps, range.from, range.to);
  });
  // /bieuthongke 2026 (/statforms): the Ministry's statistical forms, with what dondoc knows filled in.
  defineCommand(commands, "statistical-forms", async (ctx: BotContext) => {
    if (!maySeeSecretariatViews(ctx)) return refuseView(ctx);
    const current = yearMonthAt(deps.clock.now(), deps.config.timeZone).year;
    const typed = typeof ctx.match === "string" ? ctx.match.trim() : "";
    if (!/^\d{4}$/.test(typed) || Number(typed) > current) return void (await ctx.reply(ctx.t("forms-usage", { year: String(current) })));
    const t = translatorFor(ctx.i18n.locale);
    const forms = await buildStatisticalForms(Number(typed), (deps.config.documents ?? DEFAULT_DOCUMENT_SETTINGS).issuer, deps.config.timeZone, t);
    await ctx.replyWithDocument(new InputFile(forms.bytes, forms.name), { caption: ctx.t("forms-caption", { year: typed }) });
  });
  feature.use(commands);
  return feature;
}
