import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import { createBot } from "../../src/bot.ts";
import { mongoConversationStorage } from "../../src/conversation-storage.ts";
import { runUpdatesWith } from "../../src/intake/bot-updates.ts";
import { UpdateIntake } from "../../src/intake/update-intake.ts";
import { telegramWebhookRoute, webhookServer } from "../../src/webhook-server.ts";
import { startHarness, type Harness } from "../support/bot-harness.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Telegram's webhook: only its path, only POST, only with the secret, only updates (400 and a
 * log line for the rest), at most 1 MB; 200 once an update is recorded; an update delivered
 * twice runs once, and the update is logged once, by the instance that ran it.
 */
useTestDatabase();
const SECRET = "s3cret-s3cret-s3cret";
let harness: Harness;
let server: Server;
let base: string;
let lines: { message: string; fields?: Record<string, unknown> }[];

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-01T01:00:00Z"));
  lines = [];
  const log = (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields });
  const bot = createBot(harness.deps, { conversationStorage: await mongoConversationStorage(), log });
  await bot.init();
  const intake = new UpdateIntake({ instance: "test", clock: harness.clock, handle: runUpdatesWith(bot), log });
  server = webhookServer(intake, [telegramWebhookRoute("/tg", SECRET)], log);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.close();
  await harness.stop();
});

const start = (updateId: number, chatId: number) => ({
  update_id: updateId,
  message: { message_id: 1, date: 0, chat: { id: chatId, type: "private", first_name: "Mai" }, from: { id: chatId, is_bot: false, first_name: "Mai" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
});
const post = (body: string, options: { path?: string; secret?: string | null; method?: string } = {}) =>
  fetch(`${base}${options.path ?? "/tg"}`, {
    method: options.method ?? "POST",
    headers: { "content-type": "application/json", ...(options.secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": options.secret ?? SECRET }) },
    ...(options.method === "GET" ? {} : { body }),
  });
const sentTo = (chatId: number) => harness.telegram.callsOf("sendMessage").filter((call) => Number(call.params.chat_id) === chatId);

describe("the webhook", () => {
  it("handles only requests with the secret, on its own path, by POST", async () => {
    const body = JSON.stringify(start(1, 8002));
    expect((await post(body, { secret: null })).status).toBe(401);
    expect((await post(body, { secret: "wrong-wrong-wrong-wrong" })).status).toBe(401);
    expect((await post(body, { path: "/other" })).status).toBe(404);
    expect((await post(body, { path: "/" })).status).toBe(404);
    expect((await post(body, { method: "GET" })).status).toBe(405);
    expect(sentTo(8002)).toHaveLength(0);
    expect(await ChatQueueModel.countDocuments()).toBe(0);
    expect((await post(body)).status).toBe(200);
    await expect.poll(() => sentTo(8002).length).toBe(1);
  });

  it("refuses with 400 what is not an update, says why in the log, and records nothing", async () => {
    const bodies: [string, RegExp][] = [
      ["{}", /update_id is not a whole number/],
      ["[]", /an array/],
      ['"hello"', /not a JSON object/],
      ['{"update_id": 5}', /nothing in it/],
      [JSON.stringify({ ...start(6, 8003), update_id: "6" }), /update_id is not a whole number/],
      [JSON.stringify({ update_id: 7, message: { text: "/start" } }), /without a message_id and a chat/],
      [JSON.stringify({ update_id: 8, hello: {} }), /unknown kind/],
      [JSON.stringify({ ...start(9, 8003), callback_query: { id: "1", from: { id: 8003 } } }), /more than one kind/],
      ["{not json", /not JSON/],
    ];
    for (const [body, reason] of bodies) {
      expect((await post(body)).status, body).toBe(400);
      expect(lines.at(-1)?.message, body).toMatch(reason);
    }
    expect(await ChatQueueModel.countDocuments()).toBe(0);
    expect(harness.telegram.callsOf("sendMessage")).toHaveLength(0);
  });

  it("refuses a body over 1 MB", async () => {
    const update = start(10, 8004);
    update.message.text = `/start ${"x".repeat(1_100_000)}`;
    expect((await post(JSON.stringify(update))).status).toBe(413);
    expect(lines.at(-1)?.message).toMatch(/over 1048576 bytes/);
    expect(await ChatQueueModel.countDocuments()).toBe(0);
  });

  it("answers a second delivery of an update without running it again, and logs the update once", async () => {
    const body = JSON.stringify(start(77, 8005));
    expect((await post(body)).status).toBe(200);
    await expect.poll(() => lines.filter((line) => line.message === "update").length).toBe(1);
    expect((await post(body)).status).toBe(200);
    expect(sentTo(8005)).toHaveLength(1);
    expect(lines.filter((line) => line.message === "update")).toEqual([{ message: "update", fields: expect.objectContaining({ update: 77, outcome: "ok" }) }]);
    expect(lines.filter((line) => line.message === "update delivered again")).toEqual([{ message: "update delivered again", fields: { update: 77, chat: 8005, outcome: "duplicate" } }]);
  });
});
