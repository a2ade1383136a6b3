import type { MiddlewareFn } from "grammy";
import { ProcessedUpdateModel } from "../../models/processed-update.ts";
import type { BotContext } from "../context.ts";

/**
 * Handles each update_id once, whichever instance receives it and however often it comes. An
 * update taken but never finished by another instance is taken again: at once in polling mode
 * (only the lease holder polls, so the other one is gone), after `staleMs` with webhooks (where
 * the other may still be at work on it).
 */
export interface OncePerUpdateOptions {
  instance: string;
  /** Only one instance receives updates at a time (polling under the lease). */
  exclusive: boolean;
  staleMs?: number;
}

export function oncePerUpdate(options: OncePerUpdateOptions): MiddlewareFn<BotContext> {
  const staleMs = options.staleMs ?? 60_000;
  const take = async (id: number, now: Date): Promise<boolean> => {
    try {
      // Straight to the driver: this runs for every update, and the document is fixed in shape.
      await ProcessedUpdateModel.collection.insertOne({ _id: id as never, instance: options.instance, at: now, done: false });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const abandoned = options.exclusive ? {} : { at: { $lte: new Date(now.getTime() - staleMs) } };
    const retaken = await ProcessedUpdateModel.updateOne(
      { _id: id, done: false, instance: { $ne: options.instance }, ...abandoned },
      { $set: { instance: options.instance, at: now } },
    );
    return retaken.modifiedCount === 1;
  };
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (!(await take(id, new Date()))) return;
    await next();
    await ProcessedUpdateModel.collection.updateOne({ _id: id as never }, { $set: { done: true } });
  };
}
