import { describe, expect, it } from "vitest";
import { NetworkPacer } from "../../src/outbox/network-pacer.ts";
import { numberForZaloId } from "../../src/chat-networks.ts";

/** Telegram and Zalo each have their own ceiling: a push on one never waits for the other. */
describe("pacing two networks", () => {
  const pacer = () => new NetworkPacer({ globalPerSecond: 3, perChatMs: 1000, groupPerMinute: 20 }, { globalPerSecond: 2, perChatMs: 1000, groupPerMinute: 20 });
  const zaloChat = (n: number) => numberForZaloId(`zalo-user-${n}`);

  it("counts Zalo sends against Zalo's ceiling only", () => {
    const p = pacer();
    p.record(zaloChat(1), 0);
    p.record(zaloChat(2), 0);
    expect(p.delayFor(zaloChat(3), 0)).toBe(1000);
    expect(p.delayFor(101, 0)).toBe(0);
    p.record(101, 0);
    p.record(102, 0);
    p.record(103, 0);
    expect(p.delayFor(104, 0)).toBe(1000);
    expect(p.heldChats(500).sort()).toEqual([101, 102, 103, zaloChat(1), zaloChat(2)].sort());
  });

  it("holds only the network that answered 429", () => {
    const p = pacer();
    p.pauseUntil(5000, zaloChat(1));
    expect(p.delayFor(zaloChat(2), 0)).toBe(5000);
    expect(p.delayFor(101, 0)).toBe(0);
    p.pauseUntil(3000, 101);
    expect(p.delayFor(102, 0)).toBe(3000);
  });
});
