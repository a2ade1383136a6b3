import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import type { QueuedUpdate } from "../../src/intake/chat-queues.ts";
import { UpdateIntake } from "../../src/intake/update-intake.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The intake on two instances sharing one database, with the clock in the test's hands: each
 * update recorded once and run once, a chat's updates one at a time in update_id order, a turn
 * kept while its holder lives and taken over when it dies.
 */
useTestDatabase();

const TURN = 10_000;
const item = (id: number): QueuedUpdate => ({ id, source: "telegram", update: { update_id: id }, at: new Date() });

/** An update whose run the test ends. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  return { open, opened, running, started };
}

interface Instance {
  intake: UpdateIntake;
  ran: number[];
  lines: string[];
  gates: Map<number, ReturnType<typeof gate>>;
}

function instance(name: string, clock: ManualClock, failing: number[] = []): Instance {
  const ran: number[] = [];
  const lines: string[] = [];
  const gates = new Map<number, ReturnType<typeof gate>>();
  const intake = new UpdateIntake({
    instance: name,
    clock,
    turnMs: TURN,
    log: (line) => void lines.push(line),
    handle: async ({ id }) => {
      const held = gates.get(id);
      held?.started();
      if (held) await held.opened;
      ran.push(id);
      if (failing.includes(id)) throw new Error(`update ${id} failed`);
    },
  });
  return { intake, ran, lines, gates };
}

afterEach(() => vi.restoreAllMocks());

describe("the intake", () => {
  it("records an update with one write and finishes it with one more, also with the next answer waiting, and runs a second delivery never", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock);
    const collection = ChatQueueModel.collection;
    const commands: string[] = [];
    for (const method of ["findOneAndUpdate", "updateOne", "updateMany", "findOne", "insertOne", "find"] as const) {
      const original = collection[method].bind(collection) as (...args: unknown[]) => unknown;
      vi.spyOn(collection, method).mockImplementation(((...args: unknown[]) => {
        commands.push(method);
        return original(...args);
      }) as never);
    }
    const running = gate();
    a.gates.set(1, running);
    const first = await a.intake.receive(42, item(1));
    expect(first.receipt).toBe("recorded");
    await running.running;
    expect(commands).toEqual(["findOneAndUpdate"]);
    running.open();
    await first.handled;
    expect(commands).toEqual(["findOneAndUpdate", "findOneAndUpdate"]);
    expect(a.ran).toEqual([1]);

    const again = await a.intake.receive(42, item(1));
    expect(again.receipt).toBe("duplicate");
    await again.handled;
    expect(a.ran).toEqual([1]);
    expect(await ChatQueueModel.findById(42).lean()).toMatchObject({ holder: null, pending: [], done: [1] });

    // The person answers the reply before its update is finished: that finish hands the next one over, still in one write.
    commands.length = 0;
    const step = gate();
    a.gates.set(2, step);
    const second = await a.intake.receive(42, item(2));
    await step.running;
    const third = await a.intake.receive(42, item(3));
    expect(third.receipt).toBe("queued");
    step.open();
    await second.handled;
    expect(a.ran).toEqual([1, 2, 3]);
    // Recorded, recorded behind, each finished once.
    expect(commands).toEqual(["findOneAndUpdate", "updateOne", "findOneAndUpdate", "findOneAndUpdate"]);
    const queue = await ChatQueueModel.findById(42).lean();
    expect(queue).toMatchObject({ holder: null, until: null, pending: [], done: [1, 2, 3] });
    expect(queue).not.toHaveProperty("waitingSince");
  });

  it("runs a chat's updates one at a time across instances, lowest update_id first, and other chats meanwhile", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock);
    const b = instance("b", clock);
    const slow = gate();
    a.gates.set(10, slow);
    const first = await a.intake.receive(42, item(10));
    await slow.running;
    // The officer's next answers reach the other instance while the first is still running, out of order.
    expect((await b.intake.receive(42, item(12))).receipt).toBe("queued");
    expect((await b.intake.receive(42, item(11))).receipt).toBe("queued");
    // Another chat is not held up by chat 42.
    await (await b.intake.receive(43, item(13))).handled;
    expect(b.ran).toEqual([13]);
    slow.open();
    await first.handled;
    expect(a.ran).toEqual([10, 11, 12]);
    expect(b.ran).toEqual([13]);
    expect(await ChatQueueModel.findById(42).lean()).toMatchObject({ holder: null, pending: [], done: [10, 11, 12] });
  });

  it("keeps the turn of a holder that lives through a 40 s stall: nothing of its chat runs elsewhere meanwhile", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock);
    const b = instance("b", clock);
    const stalled = gate();
    a.gates.set(20, stalled);
    const first = await a.intake.receive(42, item(20));
    await stalled.running;
    expect((await b.intake.receive(42, item(21))).receipt).toBe("queued");
    for (let second = 0; second < 40; second += 3) {
      await clock.sleep(3000);
      await a.intake.renewTurns();
      expect(await b.intake.sweep()).toBe(0);
    }
    expect(b.ran).toEqual([]);
    stalled.open();
    await first.handled;
    expect(a.ran).toEqual([20, 21]);
    expect(b.ran).toEqual([]);
  });

  it("takes over within a turn the chat of an instance that died mid-update, and runs what waited", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock);
    const b = instance("b", clock);
    // a dies in the middle of update 30: its run never ends, its turn is never renewed.
    const dead = gate();
    a.gates.set(30, dead);
    await a.intake.receive(42, item(30));
    await dead.running;
    expect((await b.intake.receive(42, item(31))).receipt).toBe("queued");
    // A delivery again while a's turn has not run out: known, and being run.
    expect((await b.intake.receive(42, item(30))).receipt).toBe("duplicate");
    expect(await b.intake.sweep()).toBe(0);
    await clock.sleep(TURN);
    expect(await b.intake.sweep()).toBe(1);
    await expect.poll(() => b.ran).toEqual([30, 31]);
    expect(b.lines).toContain("took over a chat whose instance stopped answering");
  });

  it("takes over at once an update delivered again whose holder is gone", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock);
    const b = instance("b", clock);
    const dead = gate();
    a.gates.set(40, dead);
    await a.intake.receive(42, item(40));
    await dead.running;
    await clock.sleep(TURN);
    const again = await b.intake.receive(42, item(40));
    expect(again.receipt).toBe("taken-over");
    await again.handled;
    expect(b.ran).toEqual([40]);
  });

  it("logs an update that fails, counts it finished, and goes on with the chat", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock, [50]);
    const slow = gate();
    a.gates.set(50, slow);
    const first = await a.intake.receive(42, item(50));
    await slow.running;
    await a.intake.receive(42, item(51));
    slow.open();
    await first.handled;
    expect(a.ran).toEqual([50, 51]);
    expect(a.lines).toContain("update failed");
    expect(await ChatQueueModel.findById(42).lean()).toMatchObject({ holder: null, pending: [], done: [50, 51] });
  });

  it("records updates that arrive together in the order they came, on one instance", async () => {
    const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
    const a = instance("a", clock);
    const received = await Promise.all([60, 61, 62, 63].map((id) => a.intake.receive(42, item(id))));
    await Promise.all(received.map((r) => r.handled));
    expect(a.ran).toEqual([60, 61, 62, 63]);
  });
});
