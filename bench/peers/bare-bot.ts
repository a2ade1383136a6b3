import { autoRetry } from "@grammyjs/auto-retry";
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

/**
 * The ceiling: a bare grammY bot with the runner and auto-retry, answering every update with
 * one message and a button, keeping nothing. Started as a process of its own.
 */
const bot = new Bot(process.env.BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
// As many tries as dondoc gives a reply: a crowd at the limit drains only after several seconds.
bot.api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 60 }));
const next = { reply_markup: { inline_keyboard: [[{ text: "ok", callback_data: "c:ok" }]] } };
bot.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply("ok", next);
});
bot.on("message", (ctx) => ctx.reply("ok", next));
await bot.init();
await bot.api.deleteWebhook();
const runner = run(bot);
process.once("SIGTERM", async () => {
  await runner.stop();
  process.exit(0);
});
