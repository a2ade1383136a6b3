import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

/**
 * Someone without a role sees nothing but how to get an invite. /start, /help and /lienket pass
 * (they explain it, redeem invites and link a second chat); in groups only the status commands pass, checked later.
 */
export const strangersFeature = new Composer<BotContext>();

const OPEN_TO_STRANGERS = /^\/(start|help|trogiup|lienket|link)(@\w+)?(\s|$)/i;

strangersFeature.use(async (ctx, next) => {
  if (ctx.member && ctx.member.status !== "revoked") return next();
  if (ctx.chat?.type !== "private") return next();
  if (ctx.message?.text && OPEN_TO_STRANGERS.test(ctx.message.text)) return next();
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t("welcome-unknown-short"), show_alert: true });
    return;
  }
  await ctx.reply(ctx.t("welcome-unknown"));
});
