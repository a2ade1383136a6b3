import { performance } from "node:perf_hooks";
import { run } from "@grammyjs/runner";
import mongoose from "mongoose";
import * as models from "../models/index.ts";
import { createBot } from "../src/bot.ts";
import { parseConfig } from "../src/config.ts";
import { mongoConversationStorage } from "../src/conversation-storage.ts";
import { systemClock } from "../src/time/clock.ts";
import { SendPacer, TELEGRAM_LIMITS } from "../src/outbox/send-pacer.ts";
import { LocalBotApi } from "../devkit/bot-api/local-bot-api.ts";
import type { BenchDatabase } from "./database.ts";
import { ms, type Figure } from "./figures.ts";

/**
 * A stranger's flood against everyone else: 1,500 messages from one stranger reach the bot at
 * once (long polling, the runner, the pacer shared with the outbox, as `npm start` runs), and an
 * administrator sends /trogiup right after them. Measured: how long the administrator waits for
 * the answer, how many answers the stranger's flood drew, and how long the bot took to get
 * through the flood.
 */
const TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnopqrstu";
const FLOOD = 1500;
const ADMIN = { id: 3_000_001, first_name: "Quản trị", language_code: "vi" };
const STRANGER = { id: 3_000_666, first_name: "Khách", language_code: "vi" };

export async function floodFigures(database: BenchDatabase): Promise<Figure[]> {
  await mongoose.connect(`${database.uri}bench_flood`);
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(models).map((model) => model.init()));
  await models.MemberModel.create({ telegramId: ADMIN.id, displayName: ADMIN.first_name, roles: [{ role: "admin", grantedAt: new Date(), grantedBy: "bench" }] });
  const telegram = new LocalBotApi();
  const config = parseConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: await telegram.start(), QUIET_HOURS: "off" });
  const bot = createBot({ config, clock: systemClock, wakeOutbox: () => undefined }, { conversationStorage: await mongoConversationStorage(), pacer: new SendPacer(TELEGRAM_LIMITS) });
  await bot.init();
  for (const user of [ADMIN, STRANGER]) telegram.addPrivateChat(user);
  let handled = 0;
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhook) => {
    try {
      return await handle(update, webhook);
    } finally {
      handled++;
    }
  };
  const runner = run(bot);

  const start = performance.now();
  for (let i = 0; i < FLOOD; i++) telegram.sendText(STRANGER, `tin nhắn rác ${i}`);
  const asked = performance.now();
  const answer = telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === ADMIN.id);
  telegram.sendText(ADMIN, "/trogiup");
  await answer;
  const adminWaited = performance.now() - asked;
  while (handled < FLOOD + 1) await new Promise((resolve) => setTimeout(resolve, 20));
  const floodSeconds = (performance.now() - start) / 1000;
  const strangerAnswers = telegram.callsOf("sendMessage").filter((call) => Number(call.params.chat_id) === STRANGER.id).length;
  await runner.stop();
  await telegram.stop();
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  return [
    { name: `flood: an administrator's /trogiup while a stranger sends ${FLOOD.toLocaleString("en")} messages, answered after`, value: ms(adminWaited), target: "< 2,000 ms", met: adminWaited < 2000 },
    { name: "flood: answers the stranger's messages drew; time to get through the flood", value: `${strangerAnswers}; ${floodSeconds.toFixed(1)} s`, target: "≤ 5; —", met: strangerAnswers <= 5 },
  ];
}
