import { Composer } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { readMonth } from "../followup/reportable-periods.ts";
import { readRangeWords } from "../reports/report-period.ts";
import { yearMonthAt } from "../time/calendar.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { sendPeriodReport } from "../chat/send-period-report.ts";
import { maySeeSecretariatViews } from "../chat/roles.ts";

/**
 * /baocaoky 1/2026 6/2026 (/periodreport): the periodic report the secretariat signs, as a Word
 * file in the layout of Decree 30/2020, made from the same figures as /tinhhinh. The same
 * document comes with /dongnam's year-end close (src/features/year-close.ts).
 */
export function periodReportFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "period-report", async (ctx: BotContext) => {
    if (!(await maySeeSecretariatViews(ctx, deps.config.secretariatChatId))) return void (await ctx.reply(ctx.t("secretariat-only")));
    const current = yearMonthAt(deps.clock.now(), deps.config.timeZone);
    const words = (typeof ctx.match === "string" ? ctx.match.trim() : "").split(/\s+/).filter(Boolean);
    const range = readRangeWords(words, current, readMonth);
    if ("usage" in range) return void (await ctx.reply(ctx.t("doc-usage", { year: String(current.year) })));
    if ("badMonth" in range) return void (await ctx.reply(ctx.t("bad-month-argument", { value: range.badMonth, example: `${current.month}/${current.year}` })));
    await sendPeriodReport(ctx, deps, range.from, range.to);
  });
  feature.use(commands);
  return feature;
}
