import { performance } from "node:perf_hooks";
import { Api } from "grammy";
import mongoose from "mongoose";
import * as models from "../models/index.ts";
import { systemClock } from "../src/time/clock.ts";
import { enqueueMessages } from "../src/outbox/enqueue.ts";
import { OutboxSender } from "../src/outbox/outbox-sender.ts";
import { TELEGRAM_LIMITS } from "../src/outbox/send-pacer.ts";
import { LocalBotApi } from "../devkit/bot-api/local-bot-api.ts";
import type { BenchDatabase } from "./database.ts";
import type { Figure } from "./figures.ts";

/**
 * The outbox against the local Bot API server enforcing Telegram's limits strictly (30 a second
 * overall, 1 a second per chat, as sliding windows) with a given round trip: rate ÷ the
 * configured ceiling, 429s, sends before a retry_after had passed, lost and duplicated, and how
 * soon the first message left after the job queued them.
 */
export async function broadcastFigures(database: BenchDatabase): Promise<Figure[]> {
  await mongoose.connect(`${database.uri}bench_broadcast`);
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(models).map((model) => model.init()));
  const figures: Figure[] = [];
  const ceiling = TELEGRAM_LIMITS.globalPerSecond;
  for (const { chats, pages, latencyMs } of [
    { chats: 1000, pages: 1, latencyMs: 0 },
    { chats: 1000, pages: 1, latencyMs: 150 },
    { chats: 100, pages: 10, latencyMs: 0 },
    { chats: 100, pages: 10, latencyMs: 150 },
  ]) {
    await models.OutboxMessageModel.deleteMany({});
    const telegram = new LocalBotApi({ enforceRates: { globalPerSecond: ceiling, perChatMs: TELEGRAM_LIMITS.perChatMs }, latencyMs });
    const api = new Api("123456:BENCH-TOKEN-abcdefghijklmnopqrstu", { apiRoot: await telegram.start() });
    const sender = new OutboxSender({ api, clock: systemClock });
    sender.start(1000);
    const messages = [];
    for (let chat = 1; chat <= chats; chat++) {
      for (let page = 1; page <= pages; page++) messages.push({ key: `b:${chat}:${page}`, chatId: 500_000 + chat, text: `Trang ${page}`, purpose: "bench", notBefore: new Date(), position: page - 1 });
    }
    const queuedAt = performance.now();
    await enqueueMessages(messages);
    await telegram.waitForCall("sendMessage");
    const firstMs = performance.now() - queuedAt;
    while ((await models.OutboxMessageModel.countDocuments({ state: { $ne: "sent" } })) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const seconds = (performance.now() - queuedAt) / 1000;
    await sender.stop();
    await telegram.stop();
    const total = messages.length;
    const delivered = telegram.callsOf("sendMessage").length - telegram.rateStats.throttled;
    const ratio = total / seconds / ceiling;
    const throttledShare = telegram.rateStats.throttled / (telegram.rateStats.accepted + telegram.rateStats.throttled);
    const label = `broadcast, ${chats} chats × ${pages} page${pages > 1 ? "s" : ""}, ${latencyMs} ms round trip`;
    figures.push(
      { name: `${label}: rate ÷ ceiling (${ceiling}/s)`, value: ratio.toFixed(2), target: "≥ 0.95", met: ratio >= 0.95 },
      { name: `${label}: answered 429`, value: `${telegram.rateStats.throttled} (${(throttledShare * 100).toFixed(2)} %)`, target: "< 1 %", met: throttledShare < 0.01 },
      { name: `${label}: sent before a retry_after passed; lost; sent twice`, value: `${telegram.rateStats.early}; ${total - Math.min(total, delivered)}; ${Math.max(0, delivered - total)}`, target: "0; 0; 0", met: telegram.rateStats.early === 0 && delivered === total },
      { name: `${label}: first message after the job`, value: `${firstMs.toFixed(0)} ms`, target: "< 1,000 ms", met: firstMs < 1000 },
    );
  }
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  return figures;
}

