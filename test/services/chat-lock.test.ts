import { describe, expect, it } from "vitest";
import { ChatLockModel } from "../../models/chat-lock.ts";
import { oneChatAtATime } from "../../src/middleware/one-chat-at-a-time.ts";
import { lockChat } from "../../src/services/chat-lock.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();

/** Webhooks on two instances: one chat's updates run one at a time across both. */
describe("one chat at a time across instances", () => {
  it("makes the second instance wait until the first is done, and never mixes two chats", async () => {
    const steps: string[] = [];
    let finishFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    // Waiting yields to the event loop instead of sleeping: the test runs at the speed of the database.
    const yieldOnly = { sleep: () => new Promise<void>((resolve) => setImmediate(resolve)) };
    const a = oneChatAtATime("instance-a", yieldOnly);
    const b = oneChatAtATime("instance-b", yieldOnly);
    const first = a({ chat: { id: 42 } } as never, async () => {
      steps.push("a:start");
      firstStarted();
      await firstMayFinish;
      steps.push("a:end");
    });
    await started;
    const second = b({ chat: { id: 42 } } as never, async () => void steps.push("b:run"));
    // Another chat is not held up by chat 42.
    await b({ chat: { id: 43 } } as never, async () => void steps.push("b:other-chat"));
    finishFirst();
    await Promise.all([first, second]);
    expect(steps).toEqual(["a:start", "b:other-chat", "a:end", "b:run"]);
    expect(await ChatLockModel.countDocuments()).toBe(0);
  });

  it("takes over the lock of an instance that died, once it has run out", async () => {
    let clock = new Date("2026-03-02T01:00:00Z");
    const now = () => clock;
    const sleep = async (ms: number) => void (clock = new Date(clock.getTime() + ms));
    const dead = await lockChat(7, "dead-instance", { now, holdMs: 30_000 });
    expect(dead.held).toBe(true);
    const waited = await lockChat(7, "live-instance", { now, sleep, holdMs: 30_000, waitMs: 60_000 });
    expect(waited.held).toBe(true);
    expect(clock.getTime() - new Date("2026-03-02T01:00:00Z").getTime()).toBeGreaterThanOrEqual(30_000);
    expect(await ChatLockModel.findById(7).lean()).toMatchObject({ holder: "live-instance" });
    await waited.release();
  });
});
