import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.ts";
import { lockChat, type ChatLockOptions } from "../services/chat-lock.ts";

/**
 * With webhooks every instance receives updates: one chat's updates are handled one at a time
 * across all of them (within one instance, sequentialize already does it).
 */
export function oneChatAtATime(instance: string, options: ChatLockOptions = {}): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return next();
    const lock = await lockChat(chatId, instance, options);
    try {
      await next();
    } finally {
      await lock.release();
    }
  };
}
