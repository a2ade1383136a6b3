import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { Types } from "mongoose";
import { MemberModel } from "../../models/member.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import type { Clock } from "../time/clock.ts";
import { SendPacer } from "./send-pacer.ts";
import type { Log } from "../observability/logger.ts";

/**
 * Drains the outbox within Telegram's limits. A 429 holds everything back for `retry_after`;
 * network and server errors retry with backoff; a 403 (the person blocked the bot) marks the
 * member unreachable; other 400s are kept with their error for a person to see. A message is
 * marked "sending" before the call and "sent" after it, so a crash can repeat the messages in
 * flight, and only those: no more are in flight than the rate needs, about the rate times the
 * time a send takes (its round trip, with the two writes around it), plus one. On a local
 * network that is two; at 30 a second over a 300 ms link, ten. Everything here is sent unasked,
 * so nothing goes outside the send window (quiet hours, days off).
 */
const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 10 * 60_000;
/** Messages looked at per choice; chats that may not receive one now are left out of the query. */
const CANDIDATES = 200;
/** Sends whose durations give the round trip. */
const ROUND_TRIPS_KEPT = 20;
/** A message left "sending" this long ago belongs to a process that died. */
const STALE_CLAIM_MS = 60_000;

export interface OutboxSenderOptions {
  api: Api;
  clock: Clock;
  pacer?: SendPacer;
  /** Called once when a member is found unreachable (403), to tell the secretariat. */
  onUnreachable?: (memberId: Types.ObjectId) => Promise<void>;
  log?: Log;
  /** Sends in flight at most, however slow the network (the rate decides below that). */
  maxInFlight?: number;
  /** How long a sent message is kept before MongoDB deletes it (default 90 days). */
  keepSentMs?: number;
  /** Counts the 429s Telegram answers. */
  onThrottled?: () => void;
  /** When messages may go (working days, outside quiet hours); absent: any time. */
  sendWindow?: SendWindow;
  /** Real time in milliseconds, for how long sends take (performance.now; tests give their own). */
  elapsed?: () => number;
}

/** Says whether the bot may write unasked at an instant. */
export interface SendWindow {
  isOpen(now: Date): Promise<boolean>;
}

type Outcome = "sent" | "retry" | "failed";

export class OutboxSender {
  private readonly pacer: SendPacer;
  private running = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly maxInFlight: number;
  /**
   * How long the last sends took, claim to "sent" (real milliseconds). The shortest of them is
   * the round trip: a longer one waited in a queue somewhere, and more sends at once would only
   * lengthen that queue, not raise the rate.
   */
  private readonly roundTrips: number[] = [];

  constructor(private readonly options: OutboxSenderOptions) {
    this.pacer = options.pacer ?? new SendPacer();
    this.maxInFlight = options.maxInFlight ?? 16;
  }

  /** Sends in flight the rate needs: the sends that fit in one round trip at the rate, plus one. */
  inFlightLimit(): number {
    const roundTrip = this.roundTrips.length > 0 ? Math.min(...this.roundTrips) : 0;
    const needed = Math.ceil((this.pacer.overallPerSecond * roundTrip) / 1000);
    return Math.max(1, Math.min(this.maxInFlight, needed + 1));
  }

  private measured(ms: number): void {
    this.roundTrips.push(ms);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
  }

  /**
   * Puts back messages a dead process left in flight: those claimed over a minute ago, or all
   * of them (`olderThanMs` 0) when this instance has just taken the lease from one that died.
   */
  async recoverStale(olderThanMs = STALE_CLAIM_MS): Promise<number> {
    const before = new Date(this.options.clock.now().getTime() - olderThanMs);
    const result = await OutboxMessageModel.updateMany({ state: "sending", claimedAt: { $lte: before } }, { $set: { state: "pending" } });
    return result.modifiedCount;
  }

  /**
   * Sends everything due now, several at a time, as fast as the limits allow (waiting on the
   * clock for them); returns how many went out. The next message is chosen among all chats that
   * may receive one now, so a chat with ten pages waiting never holds the others back.
   */
  async drain(): Promise<number> {
    let sent = 0;
    const inFlight = new Map<Promise<void>, number>();
    const busyChats = () => [...new Set(inFlight.values())];
    for (;;) {
      const now = this.options.clock.now();
      const open = !this.stopping && (!this.options.sendWindow || (await this.options.sendWindow.isOpen(now)));
      let nextWait: number | null = null;
      while (open && inFlight.size < this.inFlightLimit()) {
        // Read again at every choice: each one awaits the database, and a stale "now" makes the
        // pacer wait for windows that have already passed.
        const now = this.options.clock.now();
        const held = [...busyChats(), ...this.pacer.heldChats(now.getTime())];
        const candidates = await OutboxMessageModel.find({ state: "pending", notBefore: { $lte: now }, ...(held.length > 0 ? { chatId: { $nin: held } } : {}) })
          // Page before due time: the first page of every chat goes before anyone's second, even
          // when the pages were queued a millisecond apart; then the longest waiting first.
          .sort({ position: 1, notBefore: 1, _id: 1 })
          .limit(CANDIDATES)
          .select({ _id: 1, chatId: 1 })
          .lean();
        if (candidates.length === 0) {
          // Only chats that must wait have messages due: wait for the first of them to be free.
          const waiting = held.length > 0 ? await OutboxMessageModel.distinct("chatId", { state: "pending", notBefore: { $lte: now }, chatId: { $in: held } }) : [];
          const free = waiting.filter((chatId) => !busyChats().includes(chatId)).map((chatId) => this.pacer.delayFor(chatId, now.getTime()));
          if (free.length > 0) nextWait = Math.max(1, Math.min(...free));
          break;
        }
        const waits = candidates.map((message) => this.pacer.delayFor(message.chatId, now.getTime()));
        const ready = waits.findIndex((wait) => wait === 0);
        if (ready < 0) {
          nextWait = Math.min(...waits);
          break;
        }
        const { _id, chatId } = candidates[ready]!;
        // Counted from now, so the next choice sees this one; given back if another instance took it.
        this.pacer.record(chatId, now.getTime());
        const chosenAt = now.getTime();
        const leaving = () => this.pacer.move(chatId, chosenAt, this.options.clock.now().getTime());
        const work: Promise<void> = this.sendOne(_id as Types.ObjectId, leaving).then((outcome) => {
          if (outcome === "sent") sent++;
          else if (outcome === "taken") this.pacer.forget(chatId, now.getTime());
          inFlight.delete(work);
        });
        inFlight.set(work, chatId);
      }
      if (inFlight.size > 0) {
        // Wait for a send to finish, or for the pacer's next free moment if that comes first.
        const slot = nextWait !== null && inFlight.size < this.inFlightLimit() ? this.options.clock.sleep(nextWait) : new Promise<void>(() => undefined);
        await Promise.race([...inFlight.keys(), slot]);
        continue;
      }
      if (!open || nextWait === null) return sent;
      await this.options.clock.sleep(nextWait);
    }
  }

  private async sendOne(id: Types.ObjectId, leaving: () => void = () => undefined): Promise<Outcome | "taken"> {
    const elapsed = this.options.elapsed ?? (() => performance.now());
    const started = elapsed();
    const outcome = await this.claimAndSend(id, leaving);
    if (outcome !== "taken") this.measured(elapsed() - started);
    return outcome;
  }

  private async claimAndSend(id: Types.ObjectId, leaving: () => void): Promise<Outcome | "taken"> {
    const now = this.options.clock.now();
    const message = await OutboxMessageModel.findOneAndUpdate(
      { _id: id, state: "pending" },
      { $set: { state: "sending", claimedAt: now }, $inc: { attempts: 1 } },
      { returnDocument: "after" },
    ).lean();
    if (!message) return "taken";
    leaving();
    try {
      const sent = await this.deliver(message.method, message.chatId, message.payload as Record<string, unknown>);
      const sentAt = this.options.clock.now();
      const expireAt = new Date(sentAt.getTime() + (this.options.keepSentMs ?? 90 * 86_400_000));
      await OutboxMessageModel.updateOne({ _id: id }, { $set: { state: "sent", sentAt, sentMessageId: sent.message_id, lastError: null, expireAt } });
      return "sent";
    } catch (error) {
      return this.handleFailure(message, error);
    }
  }

  private deliver(method: string | null | undefined, chatId: number, payload: Record<string, unknown>) {
    if (method === "sendPhoto") {
      const { photo, ...other } = payload as { photo: string } & Record<string, unknown>;
      return this.options.api.sendPhoto(chatId, new InputFile(Buffer.from(photo, "base64"), "tong-hop.png"), other);
    }
    const { text, ...other } = payload as { text: string } & Record<string, unknown>;
    return this.options.api.sendMessage(chatId, text, other);
  }

  private async handleFailure(
    message: { _id: unknown; attempts: number; member?: Types.ObjectId | null; key: string; chatId: number },
    error: unknown,
  ): Promise<Outcome> {
    const now = this.options.clock.now().getTime();
    const description = error instanceof Error ? error.message : String(error);
    const fail = async () => {
      await OutboxMessageModel.updateOne({ _id: message._id }, { $set: { state: "failed", lastError: description, failedAt: this.options.clock.now() } });
      this.options.log?.("outbox send failed", { key: message.key, chat: message.chatId, attempts: message.attempts, error: description }, "error");
      return "failed" as const;
    };
    const retryAt = async (at: number) => {
      if (message.attempts >= MAX_ATTEMPTS) return fail();
      await OutboxMessageModel.updateOne({ _id: message._id }, { $set: { state: "pending", notBefore: new Date(at), lastError: description } });
      return "retry" as const;
    };

    if (error instanceof GrammyError) {
      if (error.error_code === 429) {
        // Telegram asking to wait is no failure: it never uses up an attempt. A group's limit
        // holds that group only; a 429 on a private chat means the bot's overall pace.
        const until = now + (error.parameters.retry_after ?? 1) * 1000;
        this.options.onThrottled?.();
        if (message.chatId < 0) this.pacer.pauseChat(message.chatId, until);
        else this.pacer.pauseUntil(until, message.chatId);
        await OutboxMessageModel.updateOne({ _id: message._id }, { $set: { state: "pending", notBefore: new Date(until), lastError: description }, $inc: { attempts: -1 } });
        return "retry";
      }
      if (error.error_code === 403) {
        if (message.member) await this.markUnreachable(message.member, message.chatId);
        return fail();
      }
      if (error.error_code >= 500) return retryAt(now + Math.min(2 ** message.attempts * 1000, MAX_BACKOFF_MS));
      return fail();
    }
    if (error instanceof HttpError) return retryAt(now + Math.min(2 ** message.attempts * 1000, MAX_BACKOFF_MS));
    return fail();
  }

  /**
   * A member who blocked the bot in one chat but linked another (Telegram and Zalo) is written to
   * in the other from now on; only a member with no other chat becomes unreachable.
   */
  private async markUnreachable(memberId: Types.ObjectId, chatId: number): Promise<void> {
    const member = await MemberModel.findOne({ _id: memberId, status: "active" }, { telegramId: 1, linkedChatId: 1, refusedChatId: 1 }).lean();
    const other = member?.linkedChatId ? (chatId === member.linkedChatId ? member.telegramId : chatId === member.telegramId ? member.linkedChatId : null) : null;
    // The other chat has not refused too: write there.
    if (member && other !== null && member.refusedChatId !== other) {
      await MemberModel.updateOne({ _id: memberId }, { $set: { writeToLinked: other === member.linkedChatId, refusedChatId: chatId } });
      this.options.log?.("a member refused in one chat is written to in their other one from now on", { member: String(memberId) }, "warn");
      return;
    }
    const changed = await MemberModel.updateOne(
      { _id: memberId, status: "active" },
      { $set: { status: "unreachable", statusChangedAt: this.options.clock.now() } },
    );
    if (changed.modifiedCount === 1) await this.options.onUnreachable?.(memberId);
  }

  /** Keeps draining in the background: on `wake()`, and every `intervalMs` (a job started elsewhere, retries). */
  start(intervalMs = 1000): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = (async () => {
      await this.recoverStale();
      while (this.running) {
        try {
          await this.drain();
        } catch (error) {
          this.options.log?.(`outbox: ${(error as Error).message}`, {}, "error");
        }
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Finishes the message in flight and stops; what is still pending stays for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake();
    await this.loop;
  }
}
