import { ChatQueueModel } from "../../models/chat-queue.ts";

/**
 * The database side of running each chat's updates one at a time across instances: a document
 * a chat (models/chat-queue.ts) holds its waiting updates, the ids of its last finished ones, and
 * which instance holds its turn until when. Every step is one atomic write, and the common path
 * is two: an update is recorded (and found a duplicate, and the free turn taken) by the first,
 * finished (and the turn given back, or the next one waiting handed over) by the second.
 */
export interface QueuedUpdate {
  id: number;
  source: "telegram" | "zalo";
  update: unknown;
  at: Date;
}

/** How many finished ids a chat remembers: far more than Telegram ever delivers again. */
const REMEMBERED = 100;

interface QueueDocument {
  _id: number;
  holder?: string | null;
  lastHolder?: string;
  until?: Date | null;
  waitingSince?: Date;
  pending?: QueuedUpdate[];
  done?: number[];
  at?: Date;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** A chat's turn, taken: the updates waiting, and which instance took the turn before (null: none). */
export interface TakenTurn {
  pending: QueuedUpdate[];
  previousHolder: string | null;
}

export class ChatQueues {
  /** Straight to the driver: these run for every update, on documents of a fixed shape. */
  private readonly collection = ChatQueueModel.collection as unknown as import("mongodb").Collection<QueueDocument>;

  constructor(
    readonly holder: string,
    private readonly turnMs: number,
  ) {}

  private free(now: Date) {
    return [{ holder: null }, { until: { $lte: now } }];
  }

  private unseen(id: number) {
    return { "pending.id": { $ne: id }, done: { $ne: id } };
  }

  /**
   * Records an update and takes the chat's turn, when the update is new and the turn free: the
   * chat's waiting updates, this one among them, or null (a duplicate, or another holds the turn).
   */
  async recordAndTake(chat: number, item: QueuedUpdate, now: Date): Promise<TakenTurn | null> {
    try {
      // The document as it was: who took the turn before this instance tells a cache whether it is stale.
      const before = await this.collection.findOneAndUpdate(
        { _id: chat, ...this.unseen(item.id), $or: this.free(now) },
        { $push: { pending: item }, $set: { holder: this.holder, lastHolder: this.holder, until: this.until(now), at: now }, $min: { waitingSince: now } },
        { upsert: true, returnDocument: "before", projection: { pending: 1, lastHolder: 1 } },
      );
      return { pending: [...(before?.pending ?? []), item], previousHolder: before?.lastHolder ?? null };
    } catch (error) {
      // The document exists but the filter refused it: the update is known, or the turn is held.
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  /** Records a new update behind the live holder of the chat's turn, who runs it before letting go. */
  async recordBehindHolder(chat: number, item: QueuedUpdate, now: Date): Promise<boolean> {
    const queued = await this.collection.updateOne(
      { _id: chat, ...this.unseen(item.id), holder: { $ne: null }, until: { $gt: now } },
      { $push: { pending: item }, $set: { at: now }, $min: { waitingSince: now } },
    );
    return queued.modifiedCount === 1;
  }

  /** Takes the turn of a chat with updates waiting and nobody alive holding it (its holder died). */
  async takeWaiting(chat: number, now: Date, updateId?: number): Promise<TakenTurn | null> {
    const before = await this.collection.findOneAndUpdate(
      { _id: chat, ...(updateId === undefined ? { "pending.0": { $exists: true } } : { "pending.id": updateId }), $or: this.free(now) },
      { $set: { holder: this.holder, lastHolder: this.holder, until: this.until(now), at: now } },
      { returnDocument: "before", projection: { pending: 1, lastHolder: 1 } },
    );
    return before ? { pending: before.pending ?? [], previousHolder: before.lastHolder ?? null } : null;
  }

  /** Whether an update is known: finished, or waiting behind a live holder. */
  async isKnown(chat: number, updateId: number): Promise<boolean> {
    const found = await this.collection.findOne({ _id: chat, $or: [{ done: updateId }, { "pending.id": updateId }] }, { projection: { _id: 1 } });
    return found !== null;
  }

  /**
   * Marks an update finished, in one write whatever came in meanwhile: when it was the last one
   * waiting, the turn is given back ("released"); otherwise the turn is renewed and the updates
   * still waiting come back (the person answered the reply before this update was finished).
   * "lost": this instance no longer holds the turn (it stalled past its lease).
   */
  async finish(chat: number, updateId: number, now: Date): Promise<QueuedUpdate[] | "released" | "lost"> {
    const nothingWaits = { $eq: [{ $size: "$pending" }, 0] };
    const after = await this.collection.findOneAndUpdate(
      { _id: chat, holder: this.holder },
      [
        {
          $set: {
            pending: { $filter: { input: { $ifNull: ["$pending", []] }, as: "item", cond: { $ne: ["$$item.id", updateId] } } },
            done: { $slice: [{ $concatArrays: [{ $ifNull: ["$done", []] }, [updateId]] }, -REMEMBERED] },
            at: now,
          },
        },
        { $set: { holder: { $cond: [nothingWaits, null, "$holder"] }, until: { $cond: [nothingWaits, null, this.until(now)] }, waitingSince: { $cond: [nothingWaits, "$$REMOVE", "$waitingSince"] } } },
      ],
      { returnDocument: "after", projection: { pending: 1, holder: 1 } },
    );
    if (!after) return "lost";
    return after.holder === null ? "released" : (after.pending ?? []);
  }

  /** Gives the turn back if nothing waits; else the updates waiting ("lost": not held any more). */
  async release(chat: number, now: Date): Promise<QueuedUpdate[] | "released" | "lost"> {
    const released = await this.collection.updateOne({ _id: chat, holder: this.holder, pending: { $size: 0 } }, { $set: { holder: null, until: null, at: now }, $unset: { waitingSince: "" } });
    if (released.modifiedCount === 1) return "released";
    const held = await this.collection.findOne({ _id: chat, holder: this.holder }, { projection: { pending: 1 } });
    return held ? (held.pending ?? []) : "lost";
  }

  /** Keeps the turns this instance holds; returns how many it still holds. */
  async renew(chats: number[], now: Date): Promise<number> {
    if (chats.length === 0) return 0;
    const renewed = await this.collection.updateMany({ _id: { $in: chats }, holder: this.holder }, { $set: { until: this.until(now) } });
    return renewed.matchedCount;
  }

  /** Chats with updates waiting whose turn nobody alive holds. */
  async abandoned(now: Date, limit = 50): Promise<number[]> {
    const chats = await this.collection
      .find({ waitingSince: { $lte: now }, $or: this.free(now) }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return chats.map((chat) => chat._id);
  }

  private until(now: Date): Date {
    return new Date(now.getTime() + this.turnMs);
  }
}
