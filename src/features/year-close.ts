import { Composer } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { messageTranslatorFor } from "../i18n.ts";
import { closeYear, YearCloseError } from "../services/year-close.ts";
import { sendPeriodReport } from "../chat/send-period-report.ts";
import { yearMonthAt } from "../time/calendar.ts";
import { yearCloseButton } from "../chat/callback-data.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { actsForSecretariat, refuseView } from "../chat/roles.ts";

/**
 * /dongnam 2026 (/closeyear): after a confirmation, closes a plan year, sends its year-end account
 * to the group and the leaders, and gives the secretariat the year's report as a Word file.
 */
export function yearCloseFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "close-year", async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx)) return refuseView(ctx);
    const current = yearMonthAt(deps.clock.now(), deps.config.timeZone).year;
    const typed = typeof ctx.match === "string" ? ctx.match.trim() : "";
    const year = Number(typed);
    if (!/^\d{4}$/.test(typed) || year > current) return void (await ctx.reply(ctx.t("year-close-usage", { year: String(current - 1) })));
    await ctx.reply(ctx.t("year-close-confirm", { year: typed }), {
      reply_markup: { inline_keyboard: [[{ text: ctx.t("button-year-close", { year: typed }), callback_data: yearCloseButton.build({ year }) }, { text: ctx.t("button-remind-no"), callback_data: yearCloseButton.build("no") }]] },
    });
  });
  feature.use(commands);

  feature.callbackQuery(yearCloseButton.pattern, async (ctx) => {
    if (!actsForSecretariat(ctx)) return void (await ctx.answerCallbackQuery({ text: ctx.t("secretariat-only"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const choice = yearCloseButton.read(ctx.callbackQuery.data)!;
    if (choice === "no") return void (await ctx.reply(ctx.t("year-close-cancelled")));
    const { year } = choice;
    try {
      const result = await closeYear(year, { via: "chat", telegramId: ctx.from.id, name: ctx.member?.displayName ?? null }, {
        now: deps.clock.now(),
        defaultLocale: deps.config.defaultLocale,
        configuredSecretariatChatId: deps.config.secretariatChatId,
        translate: messageTranslatorFor,
      });
      deps.wakeOutbox();
      await ctx.reply(ctx.t("year-closed", { year: String(year), done: result.done, total: result.total, messages: result.messages }));
      // And the year's report in the official layout, up to this month when the year is not over.
      const current = yearMonthAt(deps.clock.now(), deps.config.timeZone);
      await sendPeriodReport(ctx, deps, { year, month: 1 }, { year, month: year === current.year ? current.month : 12 });
    } catch (error) {
      if (error instanceof YearCloseError) return void (await ctx.reply(ctx.t(error.key, { year: String(year) })));
      throw error;
    }
  });
  return feature;
}
