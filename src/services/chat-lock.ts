import { ChatLockModel } from "../../models/chat-lock.ts";

/**
 * A lock on one chat across instances: taken when free or run out, released by its holder.
 * `holdMs` bounds how long a dead holder keeps a chat; `waitMs` how long an update waits before
 * it is handled anyway (an update is never dropped: a step that waited that long is later than
 * any the holder could still be taking).
 */
export interface ChatLockOptions {
  holdMs?: number;
  waitMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface HeldLock {
  /** False when the wait ran out and the update goes on without the lock. */
  held: boolean;
  release(): Promise<void>;
}

export async function lockChat(chatId: number, holder: string, options: ChatLockOptions = {}): Promise<HeldLock> {
  const holdMs = options.holdMs ?? 30_000;
  const waitMs = options.waitMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const start = now().getTime();
  let pause = 20;
  for (;;) {
    const at = now();
    try {
      // Free (no document) or run out: take it. Held by another: the upsert meets the _id and fails.
      await ChatLockModel.findOneAndUpdate({ _id: chatId, until: { $lte: at } }, { $set: { holder, until: new Date(at.getTime() + holdMs) } }, { upsert: true });
      return { held: true, release: async () => void (await ChatLockModel.deleteOne({ _id: chatId, holder })) };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    if (at.getTime() - start >= waitMs) return { held: false, release: async () => undefined };
    await sleep(pause);
    pause = Math.min(pause * 2, 500);
  }
}
