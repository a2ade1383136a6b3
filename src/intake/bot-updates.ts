import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.ts";
import { telegramUpdateFrom, zaloUpdateKey, type ZaloUpdate } from "../zalo/zalo-updates.ts";
import type { QueuedUpdate } from "./chat-queues.ts";
import { chatKeyOf, keptOfUpdate } from "./telegram-update-shape.ts";
import type { Received, UpdateIntake } from "./update-intake.ts";

/**
 * Between the intake and the bot: an update whose turn has come is handed to the bot (a Zalo one
 * read first, as it means now: its numbers answer the choices the chat has at that moment), and
 * a failure goes to the bot's error handler (a log line, and "sorry" to the person) as in polling.
 */
export function runUpdatesWith(bot: Bot<BotContext>): (item: QueuedUpdate) => Promise<void> {
  return async (item) => {
    const update = item.source === "zalo" ? await telegramUpdateFrom(item.update as ZaloUpdate) : (item.update as Update);
    if (!update) return;
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      await bot.errorHandler(error);
    }
  };
}

export function receiveTelegramUpdate(intake: UpdateIntake, update: Update, now = new Date()): Promise<Received> {
  return intake.receive(chatKeyOf(update), { id: update.update_id, source: "telegram", update: keptOfUpdate(update), at: now });
}

/** Null for an update that names no sender (nothing to run). */
export async function receiveZaloUpdate(intake: UpdateIntake, update: ZaloUpdate, now = new Date()): Promise<Received | null> {
  const key = zaloUpdateKey(update);
  return key ? intake.receive(key.chat, { id: key.id, source: "zalo", update, at: now }) : null;
}
