import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

/** /start for someone the bot does not know yet: how to get an invite, and nothing else. */
export const welcomeFeature = new Composer<BotContext>();

welcomeFeature.command("start", async (ctx) => {
  await ctx.reply(ctx.t("welcome-unknown"));
});
