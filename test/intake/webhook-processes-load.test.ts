import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { TOKEN } from "../support/bot-harness.ts";
import { spawnWebhookBot, type WebhookBot } from "../support/bot-process.ts";
import { TelegramDelivery } from "../support/telegram-delivery.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Two instances of `npm start` in webhook mode on one database, behind Telegram's delivery, with
 * a Bot API server that enforces the overall rate with 429s: an update whose answer is held and
 * then refused (a person who blocked the bot) is answered 200 at once and ends no process; 500
 * updates at once are each answered once, by one instance, and both instances live on.
 */
const db = useTestDatabase();
const SECRET = "s3cret-s3cret-s3cret";
const telegram = new LocalBotApi({ token: TOKEN, enforceRates: { globalPerSecond: 100, perChatMs: 1000 } });
const scratch = mkdtempSync(join(tmpdir(), "dondoc-webhook-load-"));
const instances: WebhookBot[] = [];
let delivery: TelegramDelivery;

beforeAll(async () => {
  await telegram.start();
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${db.name}`;
  const env = (n: number) => ({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: uri.toString(), DATA_DIR: join(scratch, String(n)), LEASE_SECONDS: "2", TELEGRAM_MESSAGES_PER_SECOND: "100" });
  instances.push(...(await Promise.all([1, 2].map((n) => spawnWebhookBot(env(n), SECRET)))));
  // Each keeps to half of the overall rate once it sees the other.
  await Promise.all(instances.map((instance) => instance.waitFor(/instances alive: 2; this one sends at most 50 messages a second/)));
  delivery = new TelegramDelivery({ apiRoot: telegram.url, token: TOKEN, secret: SECRET, targets: instances.map((i) => i.url), retryMs: 200 });
  delivery.start();
}, 120_000);
afterAll(async () => {
  if (process.env.DEBUG_INSTANCES) for (const [n, instance] of instances.entries()) console.log(`--- instance ${n + 1}\n${instance.output()}`);
  await delivery?.stop();
  for (const instance of instances) instance.child.kill("SIGKILL");
  await telegram.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const botMessagesTo = (chatId: number) => telegram.messagesOf(chatId).filter((m) => m.from.is_bot).length;
/** The update ids each instance logged as handled. */
const handledBy = (instance: WebhookBot) =>
  instance
    .output()
    .split("\n")
    .filter((line) => line.includes('"msg":"update"'))
    .map((line) => JSON.parse(line) as { update: number; chat: number; outcome: string });
const alive = () => instances.every((instance) => instance.child.exitCode === null && instance.child.signalCode === null);

describe("two instances in webhook mode under load", () => {
  it("answer an update held and then refused at once, and live on", async () => {
    const blocked = { id: 9401, first_name: "Bình" };
    const held = telegram.holdNext("sendMessage", blocked.id);
    // Its "sorry" is refused too: the person blocked the bot.
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, blocked.id);
    telegram.sendText(blocked, "xin chào");
    await held.arrived;
    // Answered 200 while its handling is still waiting on the Bot API.
    await expect.poll(() => delivery.answeredCount, { timeout: 10_000 }).toBe(1);
    held.release({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await expect.poll(() => instances.flatMap(handledBy).filter((line) => line.chat === blocked.id), { timeout: 10_000 }).toEqual([expect.objectContaining({ outcome: "error" })]);

    // Both still answer.
    const other = { id: 9402, first_name: "An" };
    telegram.sendText(other, "xin chào");
    await expect.poll(() => botMessagesTo(other.id), { timeout: 10_000 }).toBe(1);
    expect(alive()).toBe(true);
  });

  it("answer 500 updates at once, each once, and both live on", async () => {
    const people = Array.from({ length: 500 }, (_, i) => ({ id: 20_000 + i, first_name: `Người ${i}` }));
    const before = delivery.answeredCount;
    for (const person of people) telegram.sendText(person, "xin chào");
    await expect.poll(() => people.filter((person) => botMessagesTo(person.id) >= 1).length, { timeout: 90_000, interval: 200 }).toBe(500);
    // Nothing is left waiting anywhere, and nobody got a second answer.
    await expect.poll(() => ChatQueueModel.countDocuments({ $or: [{ "pending.0": { $exists: true } }, { holder: { $ne: null } }] }), { timeout: 10_000 }).toBe(0);
    expect(people.filter((person) => botMessagesTo(person.id) !== 1).map((person) => ({ person: person.id, handled: instances.flatMap(handledBy).filter((line) => line.chat === person.id) }))).toEqual([]);
    expect(delivery.answeredCount - before).toBe(500);
    // Each update logged once, by the instance that ran it; both ran some.
    const lines = instances.map(handledBy);
    const ids = lines.flat().filter((line) => line.chat >= 20_000).map((line) => line.update);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(lines.every((own) => own.some((line) => line.chat >= 20_000))).toBe(true);
    expect(alive()).toBe(true);
    for (const instance of instances) expect(instance.output()).not.toMatch(/unhandled rejection/);
  }, 150_000);
});
