import type { BotContext } from "../context.ts";

/**
 * The welcome to someone without a role (how to get an invite): once in a while, however often
 * they write, so a stranger's flood costs no sending budget that members' answers need.
 */
export async function welcomeStranger(ctx: BotContext): Promise<void> {
  const first = ctx.firstTimeInPeriod("welcome");
  if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery(first ? { text: ctx.t("welcome-unknown-short"), show_alert: true } : {}));
  if (first) await ctx.reply(ctx.t("welcome-unknown"));
}
