import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/outbox/clock.ts";
import { pacedApi } from "../../src/outbox/paced-api.ts";
import { SendPacer } from "../../src/outbox/send-pacer.ts";

describe("replies and the outbox share one account of Telegram's limits", () => {
  it("holds a reply when the bot is at its rate, lets a short answer burst in a private chat, and makes the outbox wait after it", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const pacer = new SendPacer({ globalPerSecond: 3, perChatMs: 1000, groupPerMinute: 20, marginMs: 40 });
    const transformer = pacedApi(pacer, clock);
    const sentAt: number[] = [];
    const previous = (async () => {
      sentAt.push(clock.now().getTime());
      return { ok: true, result: true };
    }) as never;
    const start = clock.now().getTime();
    for (let i = 0; i < 4; i++) await transformer(previous, "sendMessage", { chat_id: 42, text: "…" } as never);
    await transformer(previous, "answerCallbackQuery", { callback_query_id: "1" } as never);
    // Three at once (a burst in a private chat), the fourth after the bot's second.
    expect(sentAt.slice(0, 3).map((at) => at - start)).toEqual([0, 0, 0]);
    expect(sentAt[3]! - start).toBe(1040);
    // The outbox sees the chat's last message and waits its second after it.
    expect(pacer.delayFor(42, clock.now().getTime())).toBe(1040);
  });
});
