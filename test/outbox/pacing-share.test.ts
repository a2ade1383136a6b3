import { describe, expect, it } from "vitest";
import { numberForZaloId } from "../../src/chat-networks.ts";
import { NetworkPacer } from "../../src/outbox/network-pacer.ts";
import { SendPacer } from "../../src/outbox/send-pacer.ts";
import { LiveInstances } from "../../src/services/live-instances.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * With webhooks every instance replies, and none counts the others' sends: each keeps to its
 * share of the overall rate, from the number of instances alive. Per chat each keeps the limit.
 */
useTestDatabase();

describe("sharing the overall rate between instances", () => {
  it("gives each of two instances half of the second, and keeps each chat's own limit", () => {
    const pacer = new SendPacer({ globalPerSecond: 4, perChatMs: 1000, groupPerMinute: 20 });
    pacer.shareWith(2);
    expect(pacer.overallPerSecond).toBe(2);
    pacer.record(101, 0);
    pacer.record(102, 0);
    expect(pacer.delayFor(103, 0)).toBe(1000);
    expect(pacer.delayFor(101, 500)).toBe(500);
    pacer.shareWith(1);
    expect(pacer.delayFor(103, 0)).toBe(0);
  });

  it("shares Zalo's ceiling too", () => {
    const pacer = new NetworkPacer({ globalPerSecond: 30, perChatMs: 1000, groupPerMinute: 20 }, { globalPerSecond: 10, perChatMs: 1000, groupPerMinute: 20 });
    pacer.shareWith(2);
    for (let n = 0; n < 5; n++) pacer.record(numberForZaloId(`zalo-${n}`), 0);
    expect(pacer.delayFor(numberForZaloId("zalo-5"), 0)).toBe(1000);
    expect(pacer.overallPerSecond).toBe(15);
  });

  it("counts the instances alive: each renews a lease of its own, and one gone is no longer counted", async () => {
    const a = new LiveInstances("a", 20_000);
    const b = new LiveInstances("b", 20_000);
    const now = new Date("2026-03-02T01:00:00Z");
    expect(await a.beat(now)).toBe(1);
    expect(await b.beat(now)).toBe(2);
    // a stops renewing (killed): after its lease runs out, b counts itself alone.
    expect(await b.beat(new Date(now.getTime() + 21_000))).toBe(1);
    // A clean stop leaves at once.
    expect(await a.beat(new Date(now.getTime() + 22_000))).toBe(2);
    await a.leave();
    expect(await b.beat(new Date(now.getTime() + 23_000))).toBe(1);
  });
});
