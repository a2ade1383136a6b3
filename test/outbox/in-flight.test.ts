import { Api, type Transformer } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { enqueueMessage } from "../../src/outbox/enqueue.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The outbox keeps no more sends in flight than the rate needs (the rate times a send's round
 * trip, plus one), so a process killed in the middle of a push repeats at most that many
 * messages: two on a local network.
 */
useTestDatabase();
const TOKEN = "123456:TEST-TOKEN-abcdefghijklmnopqrstu";
const start = new Date("2018-03-02T01:00:00Z");
let telegram: LocalBotApi | undefined;
afterEach(async () => {
  await telegram?.stop();
  telegram = undefined;
});

async function push(officers: number) {
  for (let i = 0; i < officers; i++) await enqueueMessage({ key: `push:${i}`, chatId: 30_000 + i, text: `Nhiệm vụ tháng 3 (${i})`, purpose: "monthly-push", member: null as never, notBefore: start });
}

/** Counts the sends under way at once, as the Bot API server sees them. */
function counting() {
  const seen = { now: 0, most: 0 };
  const transformer: Transformer = async (previous, method, payload, signal) => {
    seen.now++;
    seen.most = Math.max(seen.most, seen.now);
    try {
      return await previous(method, payload, signal);
    } finally {
      seen.now--;
    }
  };
  return { seen, transformer };
}

async function apiTo(options: { latencyMs?: number } = {}) {
  telegram = new LocalBotApi(options);
  const api = new Api(TOKEN, { apiRoot: await telegram.start() });
  return api;
}

/**
 * A local network, whatever the load of the machine running the test: every call to the Bot API
 * takes 5 ms of the time the outbox measures sends by (the database, nothing).
 */
function localNetwork(api: Api) {
  let ms = 0;
  api.config.use(async (previous, method, payload, signal) => {
    const result = await previous(method, payload, signal);
    ms += 5;
    return result;
  });
  return () => ms;
}

const sendsTo = (chatId: number) => telegram!.callsOf("sendMessage").filter((call) => Number(call.params.chat_id) === chatId).length;

describe("the outbox's sends in flight", () => {
  it("are at most two on a local network, however many are queued", async () => {
    await push(40);
    const api = await apiTo();
    const { seen, transformer } = counting();
    api.config.use(transformer);
    const sender = new OutboxSender({ api, clock: new ManualClock(start), elapsed: localNetwork(api), maxInFlight: 16 });
    expect(await sender.drain()).toBe(40);
    expect(seen.most).toBeLessThanOrEqual(2);
    expect(sender.inFlightLimit()).toBeLessThanOrEqual(2);
  });

  it("grow with the round trip, to what the rate needs", async () => {
    await push(40);
    // A server 300 ms away: at 30 a second, about ten sends fit in one round trip.
    const api = await apiTo({ latencyMs: 300 });
    const { seen, transformer } = counting();
    api.config.use(transformer);
    const sender = new OutboxSender({ api, clock: new ManualClock(start), maxInFlight: 16 });
    expect(await sender.drain()).toBe(40);
    expect(seen.most).toBeGreaterThanOrEqual(5);
    expect(seen.most).toBeLessThanOrEqual(16);
  });

  it("are all that a process killed mid-push sends twice: at most two on a local network", async () => {
    await push(30);
    const api = await apiTo();
    // The process dies as the tenth answer comes back: that answer and any later one are never
    // read (their messages stay "sending"), and no call leaves any more.
    let answers = 0;
    let dead = false;
    let hung = 0;
    const hang = () => {
      hung++;
      return new Promise<never>(() => undefined);
    };
    api.config.use(async (previous, method, payload, signal) => {
      if (dead) return hang();
      const result = await previous(method, payload, signal);
      if (dead || ++answers === 10) {
        dead = true;
        return hang();
      }
      return result;
    });
    void new OutboxSender({ api, clock: new ManualClock(start), elapsed: localNetwork(api), maxInFlight: 16 }).drain();
    await expect.poll(() => dead, { timeout: 10_000 }).toBe(true);
    // It stops claiming once all its sends in flight hang: every message it claimed is hung.
    await expect.poll(async () => (await OutboxMessageModel.countDocuments({ state: "sending" })) === hung && hung > 0, { timeout: 10_000 }).toBe(true);

    // The instance that takes over puts back what the dead one held, and sends everything.
    const takeover = new OutboxSender({ api: new Api(TOKEN, { apiRoot: telegram!.url }), clock: new ManualClock(start), maxInFlight: 16 });
    await takeover.recoverStale(0);
    await takeover.drain();
    const counts = Array.from({ length: 30 }, (_, i) => sendsTo(30_000 + i));
    expect(counts.every((n) => n >= 1)).toBe(true);
    const twice = counts.filter((n) => n === 2).length;
    expect(twice).toBeGreaterThanOrEqual(1);
    expect(twice).toBeLessThanOrEqual(2);
    expect(counts.filter((n) => n > 2)).toEqual([]);
  });
});
