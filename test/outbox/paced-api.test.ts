import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/time/clock.ts";
import { NetworkPacer, ZALO_LIMITS } from "../../src/outbox/network-pacer.ts";
import { pacedApi } from "../../src/outbox/paced-api.ts";
import { SendPacer, TELEGRAM_LIMITS } from "../../src/outbox/send-pacer.ts";
import { ZALO_ID_BASE } from "../../src/chat-networks.ts";

const sender = (clock: ManualClock, sentAt: number[]) =>
  (async () => {
    sentAt.push(clock.now().getTime());
    return { ok: true, result: true };
  }) as never;

describe("replies and the outbox share one account of Telegram's limits", () => {
  it("sends a reply at once even with the bot at its rate, and makes the outbox wait after it", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const pacer = new SendPacer({ ...TELEGRAM_LIMITS, globalPerSecond: 3, marginMs: 40 });
    const transformer = pacedApi(pacer, clock);
    const sentAt: number[] = [];
    const start = clock.now().getTime();
    // The outbox has just used the bot's whole second on others.
    for (const other of [101, 102, 103]) pacer.record(other, start);
    for (let i = 0; i < 4; i++) await transformer(sender(clock, sentAt), "sendMessage", { chat_id: 42, text: "…" } as never);
    await transformer(sender(clock, sentAt), "answerCallbackQuery", { callback_query_id: "1" } as never);
    expect(sentAt.map((at) => at - start)).toEqual([0, 0, 0, 0, 0]);
    // The outbox sees the chat's last message and waits its second after it, and the bot's second too.
    expect(pacer.delayFor(42, clock.now().getTime())).toBe(1040);
    expect(pacer.delayFor(77, clock.now().getTime())).toBe(1040);
  });

  it("waits at most the chat's own second where the network counts one: a group, a Zalo chat", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const pacer = new NetworkPacer(TELEGRAM_LIMITS, ZALO_LIMITS);
    const transformer = pacedApi(pacer, clock);
    const start = clock.now().getTime();
    const group: number[] = [];
    for (let i = 0; i < 3; i++) await transformer(sender(clock, group), "sendMessage", { chat_id: -100123, text: "…" } as never);
    expect(group.map((at) => at - start)).toEqual([0, 1000, 2000]);
    const zalo: number[] = [];
    const zaloChat = ZALO_ID_BASE + 7;
    for (let i = 0; i < 2; i++) await transformer(sender(clock, zalo), "sendMessage", { chat_id: zaloChat, text: "…" } as never);
    expect(zalo[1]! - zalo[0]!).toBe(1000);
  });
});
