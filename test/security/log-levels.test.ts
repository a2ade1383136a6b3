import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { Api, type BotError } from "grammy";
import type { BotContext } from "../../src/context.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.ts";
import { mongoConversationStorage } from "../../src/conversation-storage.ts";
import { createLogger, logWith, type Log } from "../../src/observability/logger.ts";
import { enqueueMessage } from "../../src/outbox/enqueue.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { telegramWebhookRoute, webhookServer } from "../../src/webhook-server.ts";
import { runUpdatesWith } from "../../src/intake/bot-updates.ts";
import { UpdateIntake } from "../../src/intake/update-intake.ts";
import { startHarness, TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Log levels an operator can alert on (issue 18, point 10): failures at error, what a person
 * should look at at warn, the rest at info. pino writes 50, 40 and 30.
 */
useTestDatabase();
let harness: Harness;
let lines: { level: number; msg: string; outcome?: string }[];
let log: Log;

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-12T03:00:00Z"));
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  log = logWith(createLogger("info", sink));
});
afterEach(() => harness.stop());

const levelOf = (message: string) => lines.filter((line) => line.msg.startsWith(message)).map((line) => line.level);

describe("the log", () => {
  it("writes a failed update at error and a handled one at info", async () => {
    await addMember(9001, "Thư ký", "secretariat");
    const bot = createBot(harness.deps, { conversationStorage: await mongoConversationStorage(), log, realTime: () => harness.clock.now().getTime() });
    await bot.init();
    const update = (id: number, text: string) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 9001, type: "private" as const, first_name: "Thư ký" }, from: { id: 9001, is_bot: false, first_name: "Thư ký" }, text } });
    await bot.handleUpdate(update(900_001, "xin chào"));
    expect(levelOf("update")).toEqual([30]);
    harness.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" }, 9001);
    // As the runner and the webhook do: a failed update goes to the bot's error handler.
    await bot.handleUpdate(update(900_002, "xin chào")).catch((error: BotError<BotContext>) => bot.errorHandler(error));
    expect(levelOf("update failed")).toEqual([50]);
    expect(lines.filter((line) => line.msg === "update").map((line) => [line.outcome, line.level])).toEqual([["ok", 30], ["error", 50]]);
  });

  it("writes a send the outbox gave up on at error", async () => {
    const api = new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot });
    await enqueueMessage({ key: "k1", chatId: 9002, text: "tin", purpose: "test", member: null, notBefore: harness.clock.now() });
    harness.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" }, 9002);
    await new OutboxSender({ api, clock: harness.clock, log }).drain();
    expect(levelOf("outbox send failed")).toEqual([50]);
  });

  it("writes a refused webhook request at warn", async () => {
    const bot = createBot(harness.deps, { conversationStorage: await mongoConversationStorage(), log });
    await bot.init();
    const intake = new UpdateIntake({ instance: "test", clock: harness.clock, handle: runUpdatesWith(bot), log });
    const server = webhookServer(intake, [telegramWebhookRoute("/tg", "telegram-secret-telegram")], log);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`;
      const refused = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "telegram-secret-telegram" }, body: "not json" });
      expect(refused.status).toBe(400);
      expect(levelOf("Telegram webhook: refused a body that is not JSON")).toEqual([40]);
    } finally {
      server.close();
    }
  });
});
