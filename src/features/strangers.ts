import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { welcomeStranger } from "../chat/welcome-stranger.ts";

/**
 * Someone without a role sees nothing but how to get an invite (once in a while, however often
 * they write). /start, /help and /lienket pass
 * (they explain it, redeem invites and link a second chat); in groups only the status commands pass, checked later.
 */
export const strangersFeature = new Composer<BotContext>();

const OPEN_TO_STRANGERS = /^\/(start|help|trogiup|lienket|link)(@\w+)?(\s|$)/i;

strangersFeature.use(async (ctx, next) => {
  if (ctx.member && ctx.member.status !== "revoked") return next();
  if (ctx.chat?.type !== "private") return next();
  if (ctx.message?.text && OPEN_TO_STRANGERS.test(ctx.message.text)) return next();
  await welcomeStranger(ctx);
});
