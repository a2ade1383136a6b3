import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { welcomeStranger } from "../chat/welcome-stranger.ts";

/** Installed last: a stale or unknown button changes nothing and says so; stray text gets a hint. */
export const fallbacksFeature = new Composer<BotContext>();

fallbacksFeature.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });
});

fallbacksFeature.on("message", async (ctx) => {
  if (ctx.chat.type !== "private") return;
  if (!ctx.member) return welcomeStranger(ctx);
  await ctx.reply(ctx.t("unhandled-member"));
});
