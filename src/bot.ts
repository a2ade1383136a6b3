import { Bot } from "grammy";
import type { Config } from "./config.ts";
import type { BotContext } from "./context.ts";
import { welcomeFeature } from "./features/welcome.ts";
import { createI18n } from "./i18n.ts";

/** Builds the bot from its configuration; nothing is started here, so tests can drive it. */
export function createBot(config: Pick<Config, "botToken" | "telegramApiRoot" | "defaultLocale">): Bot<BotContext> {
  if (!config.botToken) throw new Error("BOT_TOKEN is required to build the bot");
  const bot = new Bot<BotContext>(config.botToken, { client: { apiRoot: config.telegramApiRoot } });
  bot.use(createI18n(config.defaultLocale));
  bot.use(welcomeFeature);
  bot.catch((error) => {
    console.error(`update ${error.ctx.update.update_id} failed:`, error.error);
  });
  return bot;
}
