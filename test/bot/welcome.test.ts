import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.ts";
import { FakeBotApi } from "../support/fake-bot-api.ts";

const api = new FakeBotApi();
let bot: ReturnType<typeof createBot>;
let running: Promise<void>;

beforeAll(async () => {
  const apiRoot = await api.start();
  bot = createBot({ botToken: "123456:TEST-TOKEN-abcdefghijklmnopqrstu", telegramApiRoot: apiRoot, defaultLocale: "vi" });
  running = bot.start({ drop_pending_updates: false });
});

afterAll(async () => {
  await bot.stop();
  await api.stop();
  await running;
});

describe("a stranger opening the bot", () => {
  it("is told in Vietnamese how to get an invite, over HTTP", async () => {
    api.sendText({ id: 501, first_name: "Lan", language_code: "vi" }, "/start");
    const reply = await api.waitForCall("sendMessage", (params) => Number(params.chat_id) === 501);
    expect(String(reply.params.text)).toContain("đường dẫn mời");
  });

  it("reads English to an English-speaking user", async () => {
    api.sendText({ id: 502, first_name: "Ann", language_code: "en" }, "/start");
    const reply = await api.waitForCall("sendMessage", (params) => Number(params.chat_id) === 502);
    expect(String(reply.params.text)).toContain("invite link");
  });
});
