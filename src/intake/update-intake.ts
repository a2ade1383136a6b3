import type { Clock } from "../time/clock.ts";
import type { Log } from "../observability/logger.ts";
import { ChatQueues, type QueuedUpdate, type TakenTurn } from "./chat-queues.ts";

/**
 * Every update, however it arrives (Telegram's webhook, long polling, Zalo's webhook or polling),
 * goes through here: it is recorded in its chat's queue before anyone is told it arrived, and it
 * runs when its chat's turn comes, one update of a chat at a time across all instances, lowest
 * update_id first. The instance that records an update into a free chat takes the chat's turn
 * and runs its updates; one that finds the turn held leaves the update to the holder, who runs
 * everything waiting before it lets go. A holder renews its turn while it lives; when it dies, its
 * turn runs out and the sweep of any instance takes the chat's waiting updates over.
 *
 * An update that fails is logged and counts as finished: it is not run again (a second run could
 * repeat what the first one already sent), and it never ends the process.
 */
export type Receipt =
  /** Recorded; this instance holds the chat's turn and runs it (`handled` settles when it has). */
  | "recorded"
  /** Recorded behind the chat's live holder, who runs it. */
  | "queued"
  /** Known already and finished, or being run by a live holder. */
  | "duplicate"
  /** Known already, its holder gone: this instance took the chat over and runs it. */
  | "taken-over";

export interface Received {
  receipt: Receipt;
  /** Settles when this instance has run the chat's updates (at once when another instance runs them). */
  handled: Promise<void>;
}

export interface UpdateIntakeOptions {
  /** This process, among the instances sharing the database. */
  instance: string;
  /** Turns are compared across instances: real time in production. */
  clock: Clock;
  /** How long a turn lasts unless renewed (default 10 s): how soon a dead holder's chats are taken over. */
  turnMs?: number;
  /** Runs one update. What it throws is logged here. */
  handle(item: QueuedUpdate): Promise<void>;
  log?: Log;
  /** Counts deliveries of an update already known. */
  onDuplicate?: () => void;
  /**
   * Called before this instance runs a chat whose turn another instance (or nobody known) had
   * last: what this instance cached of the chat (its conversation's state) may be stale.
   */
  onChatRunElsewhere?: (chat: number) => void;
}

export class UpdateIntake {
  private readonly queues: ChatQueues;
  private readonly turnMs: number;
  /** The chats whose turn this instance holds, with the run of their updates. */
  private readonly running = new Map<number, Promise<void>>();
  /** Recording is one after the other per chat here, so updates that arrive together keep their order. */
  private readonly recording = new Map<number, Promise<unknown>>();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly options: UpdateIntakeOptions) {
    this.turnMs = options.turnMs ?? 10_000;
    this.queues = new ChatQueues(options.instance, this.turnMs);
  }

  /**
   * Records an update of a chat. Resolves once the update is durably recorded and certain to be
   * run (by this instance or by the chat's live holder), or known already; rejects when the
   * database could not record it (the sender should deliver it again).
   */
  receive(chat: number, item: QueuedUpdate): Promise<Received> {
    const previous = this.recording.get(chat) ?? Promise.resolve();
    const receipt = previous.catch(() => undefined).then(() => this.record(chat, item));
    const tail = receipt.catch(() => undefined);
    this.recording.set(chat, tail);
    void tail.then(() => {
      if (this.recording.get(chat) === tail) this.recording.delete(chat);
    });
    return receipt;
  }

  private async record(chat: number, item: QueuedUpdate): Promise<Received> {
    const done = Promise.resolve();
    for (let attempt = 0; attempt < 8; attempt++) {
      const now = this.options.clock.now();
      // This instance running the chat already: the update goes behind, and that run takes it.
      const behindOwnRun = attempt === 0 && this.running.has(chat);
      if (!behindOwnRun) {
        const taken = await this.queues.recordAndTake(chat, item, now);
        if (taken) return { receipt: "recorded", handled: this.run(chat, this.pendingOf(chat, taken)) };
      }
      if (await this.queues.recordBehindHolder(chat, item, now)) {
        return { receipt: "queued", handled: this.running.get(chat) ?? done };
      }
      // That run had just given the turn back: take it, without asking who else might hold it.
      if (behindOwnRun) continue;
      const abandoned = await this.queues.takeWaiting(chat, now, item.id);
      if (abandoned) {
        this.options.log?.("took over a chat whose instance stopped answering", { chat, waiting: abandoned.pending.length, update: item.id }, "warn");
        return { receipt: "taken-over", handled: this.run(chat, this.pendingOf(chat, abandoned)) };
      }
      if (await this.queues.isKnown(chat, item.id)) {
        this.options.onDuplicate?.();
        this.options.log?.("update delivered again", { update: item.id, chat, outcome: "duplicate" });
        return { receipt: "duplicate", handled: done };
      }
      // The turn changed hands between two of these writes: look again.
    }
    throw new Error(`update ${item.id}: chat ${chat}'s turn kept changing hands`);
  }

  /** The updates of a turn just taken; what is cached of the chat is forgotten if another instance had it last. */
  private pendingOf(chat: number, taken: TakenTurn): QueuedUpdate[] {
    if (taken.previousHolder !== this.options.instance) this.options.onChatRunElsewhere?.(chat);
    return taken.pending;
  }

  /** Runs a chat's waiting updates while this instance holds its turn, then gives the turn back. */
  private run(chat: number, waiting: QueuedUpdate[]): Promise<void> {
    // A run of this chat still going here ends first; what it left waiting is then read again.
    const previous = this.running.get(chat);
    const work: Promise<void> = (previous ?? Promise.resolve())
      .then(() => this.runHeld(chat, previous ? null : waiting))
      .catch((error: unknown) => this.options.log?.("a chat's updates stopped", { chat, error: (error as Error).message }, "error"))
      .finally(() => {
        if (this.running.get(chat) === work) this.running.delete(chat);
      });
    this.running.set(chat, work);
    return work;
  }

  private async runHeld(chat: number, waiting: QueuedUpdate[] | null): Promise<void> {
    let queue = waiting ?? [];
    for (;;) {
      const next = queue.reduce<QueuedUpdate | undefined>((lowest, item) => (!lowest || item.id < lowest.id ? item : lowest), undefined);
      const after = next ? await this.runOne(chat, next) : await this.queues.release(chat, this.options.clock.now());
      if (after === "released") return;
      if (after === "lost") {
        this.options.log?.("a chat's turn ran out while its update ran: another instance has it now", { chat, update: next?.id ?? null }, "warn");
        return;
      }
      queue = after;
    }
  }

  private async runOne(chat: number, item: QueuedUpdate) {
    try {
      await this.options.handle(item);
    } catch (error) {
      this.options.log?.("update failed", { update: item.id, chat, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, "error");
    }
    return this.queues.finish(chat, item.id, this.options.clock.now());
  }

  /** Renews the turns this instance holds (its updates may take long: a slow Bot API, a stall). */
  async renewTurns(): Promise<void> {
    await this.queues.renew([...this.running.keys()], this.options.clock.now());
  }

  /** Takes over the chats whose holder died with updates waiting. */
  async sweep(): Promise<number> {
    let taken = 0;
    for (const chat of await this.queues.abandoned(this.options.clock.now())) {
      if (this.running.has(chat) || this.stopped) continue;
      const waiting = await this.queues.takeWaiting(chat, this.options.clock.now());
      if (!waiting) continue;
      taken++;
      this.options.log?.("took over a chat whose instance stopped answering", { chat, waiting: waiting.pending.length }, "warn");
      void this.run(chat, this.pendingOf(chat, waiting));
    }
    return taken;
  }

  /** Renews and sweeps on real time, each every fifth of a turn: a holder has five tries to keep it. */
  start(): void {
    const every = (ms: number, work: () => Promise<unknown>) => {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        work()
          .catch((error: unknown) => this.options.log?.(`updates: ${(error as Error).message}`, {}, "error"))
          .finally(() => (busy = false));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(200, this.turnMs / 5), () => this.renewTurns());
    every(Math.max(200, this.turnMs / 5), () => this.sweep());
  }

  /**
   * Stops taking chats over and lets the updates being run finish, their turns given back; after
   * `withinMs` it stops waiting (an update stuck on a call that never answers): that chat's turn
   * then runs out and another instance takes it over, as after a crash.
   */
  async stop(withinMs = 30_000): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const renewing = setInterval(() => void this.renewTurns().catch(() => undefined), Math.max(200, this.turnMs / 5));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([Promise.all([...this.running.values()]), new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    } finally {
      clearTimeout(timer);
      clearInterval(renewing);
    }
  }
}
