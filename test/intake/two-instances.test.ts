import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { createBot } from "../../src/bot.ts";
import { ConversationStateCache, mongoConversationStorage } from "../../src/conversation-storage.ts";
import { runUpdatesWith } from "../../src/intake/bot-updates.ts";
import { UpdateIntake } from "../../src/intake/update-intake.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { telegramWebhookRoute, webhookServer } from "../../src/webhook-server.ts";
import { startHarness, TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { TelegramDelivery } from "../support/telegram-delivery.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Two instances in webhook mode on one database, in this process so the test holds the clock
 * of their chats' turns, behind Telegram's delivery and a proxy of the test's own; a focal
 * officer reports through them, each answer reaching either instance.
 */
useTestDatabase();
const SECRET = "s3cret-s3cret-s3cret";
const MARCH_1 = new Date("2018-03-01T01:00:00Z");
const OFFICER = { id: 4001, first_name: "Lan", language_code: "vi" };
const TURN = 10_000;

interface Instance {
  name: string;
  intake: UpdateIntake;
  server: Server;
  url: string;
  handled: number[];
}

let harness: Harness;
let turns: ManualClock;
let instances: Instance[];
let delivery: TelegramDelivery;
/** Which instance gets the next update first, when the test says. */
let sendTo: (() => Promise<number>) | null;

async function startInstance(name: string): Promise<Instance> {
  const handled: number[] = [];
  const log = (message: string, fields?: Record<string, unknown>) => {
    if (message === "update") handled.push(Number(fields?.update));
  };
  // As src/main.ts: each instance keeps the conversation states it last saw, forgotten when the other ran the chat.
  const states = new ConversationStateCache();
  const bot = createBot(harness.deps, { conversationStorage: await mongoConversationStorage(states), log });
  await bot.init();
  const intake = new UpdateIntake({ instance: name, clock: turns, turnMs: TURN, handle: runUpdatesWith(bot), log, onChatRunElsewhere: (chat) => states.forget(chat) });
  const server = webhookServer(intake, [telegramWebhookRoute("/tg", SECRET)], log);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { name, intake, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`, handled };
}

beforeEach(async () => {
  harness = await startHarness(MARCH_1);
  turns = new ManualClock(new Date("2026-03-02T01:00:00Z"));
  await loadLaiChau();
  await addMember(OFFICER.id, "Lan", "focal", "UBND");
  instances = [await startInstance("a"), await startInstance("b")];
  sendTo = null;
  delivery = new TelegramDelivery({ apiRoot: harness.telegram.url, token: TOKEN, secret: SECRET, targets: instances.map((i) => i.url), route: () => (sendTo ? sendTo() : 0) });
  delivery.start();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await delivery.stop();
  for (const instance of instances) instance.server.close();
  await harness.stop();
});

/** The March push, sent through the outbox to the local Bot API server. */
async function pushMarch() {
  await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
  await new OutboxSender({ api: new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot }), clock: harness.clock }).drain();
  const push = await OutboxMessageModel.findOne({ chatId: OFFICER.id, purpose: "monthly-push" }).lean();
  return harness.telegram.messagesOf(OFFICER.id).find((m) => m.message_id === push!.sentMessageId)!;
}

const botTexts = () => harness.telegram.messagesOf(OFFICER.id).filter((m) => m.from.is_bot).map((m) => m.text ?? "");
const reply = (text: string) =>
  Promise.race([
    harness.telegram.waitForCall("sendMessage", (p) => Number(p.chat_id) === OFFICER.id && String(p.text).includes(text)),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no "${text}"; the officer got: ${JSON.stringify(botTexts().slice(-3))}`)), 8000)),
  ]);

/** Presses the button of the officer's last question whose data ends with `suffix`. */
function press(suffix: string) {
  const message = harness.telegram.messagesOf(OFFICER.id).findLast((m) => m.from.is_bot && m.reply_markup)!;
  const data = message.reply_markup!.inline_keyboard.flat().find((b) => b.callback_data?.endsWith(suffix))!.callback_data!;
  expect(harness.telegram.pressButton(OFFICER, OFFICER.id, message.message_id, data)).toBe(true);
}

describe("two instances in webhook mode", () => {
  it("hold a chat for a holder stalled 40 s on a slow sendMessage: the officer's next answer waits for it, then runs on the new state", async () => {
    const push = await pushMarch();
    const button = push.reply_markup!.inline_keyboard.flat()[3]!.callback_data!;
    harness.telegram.pressButton(OFFICER, OFFICER.id, push.message_id, button);
    await reply("Tình trạng thực hiện?");

    const held = harness.telegram.holdNext("sendMessage", OFFICER.id);
    press(":st:in-progress");
    await held.arrived;
    const holder = (await ChatQueueModel.findById(OFFICER.id).lean())!.holder!;
    const other = instances.find((i) => i.name !== holder)!;
    const holding = instances.find((i) => i.name === holder)!;
    // The officer's "50" reaches the instance that does not hold the chat.
    sendTo = async () => instances.indexOf(other);
    const before = botTexts();
    harness.telegram.sendText(OFFICER, "50");
    await expect.poll(async () => (await ChatQueueModel.findById(OFFICER.id).lean())!.pending.length).toBe(2);

    // 40 s: the holder renews its turn; the other sweeps and finds nothing it may take.
    for (let waited = 0; waited < 40_000; waited += 3000) {
      await turns.sleep(3000);
      await holding.intake.renewTurns();
      expect(await other.intake.sweep()).toBe(0);
    }
    expect(botTexts()).toEqual(before);

    held.release();
    await reply("Ghi chú thêm");
    expect(botTexts().slice(before.length)).toEqual([expect.stringContaining("bao nhiêu phần trăm"), expect.stringContaining("Ghi chú thêm")]);
    // Both steps ran on the holder, each once; the other ran nothing of this chat.
    await expect.poll(() => holding.handled).toHaveLength(3);
    expect(other.handled).toEqual([]);
  });

  it("after one 429 inside a report, waits its retry_after once: the later steps, on either instance, go at once", async () => {
    const push = await pushMarch();
    harness.telegram.pressButton(OFFICER, OFFICER.id, push.message_id, push.reply_markup!.inline_keyboard.flat()[3]!.callback_data!);
    await reply("Tình trạng thực hiện?");
    // From now on the officer's answers reach the two instances in turn.
    let next = 0;
    sendTo = async () => next++ % 2;

    // Every wait auto-retry makes (it waits with setTimeout), however the conversation replays.
    const waits: number[] = [];
    const setTimeoutOf = globalThis.setTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number, ...rest: unknown[]) => {
      if (/at pause \([^)]*auto-retry/.test(new Error().stack ?? "")) waits.push(ms ?? 0);
      return setTimeoutOf(callback, ms, ...rest);
    }) as typeof setTimeout);
    harness.telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 3", retry_after: 3 }, OFFICER.id);
    press(":st:in-progress");
    // Refused once with 429, then sent again after the wait.
    const asked = () => harness.telegram.callsOf("sendMessage").filter((call) => String(call.params.text).includes("bao nhiêu phần trăm")).length;
    await expect.poll(asked, { timeout: 8000 }).toBe(2);
    expect(waits).toEqual([3000]);

    harness.telegram.sendText(OFFICER, "60");
    await reply("Ghi chú thêm");
    press(":skip");
    await reply("minh chứng");
    press(":skip");
    await reply("Xác nhận");
    press(":ok");
    await reply("Đã ghi nhận báo cáo");
    // No later step waited the 429's three seconds again.
    expect(waits).toEqual([3000]);
    const texts = botTexts();
    expect(texts.filter((t) => t.includes("bao nhiêu phần trăm"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Ghi chú thêm"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Đã ghi nhận báo cáo"))).toHaveLength(1);
    // The steps went to both instances.
    expect(instances.every((i) => i.handled.length > 0)).toBe(true);
  });
});
