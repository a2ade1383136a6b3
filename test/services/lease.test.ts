import { describe, expect, it } from "vitest";
import { Leadership } from "../../src/leadership.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { Lease } from "../../src/services/lease.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 1, 0, seconds));

describe("the leader's lease", () => {
  it("has one holder; another takes it only once it has run out; a clean stop gives it up at once", async () => {
    const a = new Lease("leader", "a", 20_000);
    const b = new Lease("leader", "b", 20_000);
    const both = await Promise.all([a.acquire(at(0)), b.acquire(at(0))]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const [holder, other] = both[0] ? [a, b] : [b, a];
    expect(await holder.acquire(at(10))).toBe(true);
    expect(await other.acquire(at(25))).toBe(false);
    // The holder died at 10 s: at 31 s the lease has run out.
    expect(await other.acquire(at(31))).toBe(true);
    expect(await holder.acquire(at(32))).toBe(false);
    await other.release();
    expect(await holder.acquire(at(33))).toBe(true);
  });

  it("starts the work on gaining and stops it on losing", async () => {
    const clock = new ManualClock(at(0));
    const events: string[] = [];
    const work = { gain: async () => void events.push("gain"), lose: async () => void events.push("lose") };
    const mine = new Leadership(new Lease("leader", "mine", 20_000), clock, work, () => undefined, 5000);
    await mine.check();
    await mine.check();
    expect(mine.isLeader).toBe(true);
    // Stalled past the lease: another instance took over.
    clock.set(at(30));
    expect(await new Lease("leader", "other", 20_000).acquire(at(30))).toBe(true);
    await mine.check();
    expect(mine.isLeader).toBe(false);
    expect(events).toEqual(["gain", "lose"]);
  });
});
