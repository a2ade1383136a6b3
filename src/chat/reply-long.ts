import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext } from "../context.ts";
import { splitMessage } from "../messages/split-message.ts";

/** Sends HTML that may exceed Telegram's limit as several messages, split at line boundaries. */
export async function replyLong(ctx: BotContext, html: string, keyboard?: InlineKeyboardMarkup): Promise<void> {
  const parts = splitMessage(html);
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    await ctx.reply(part, last && keyboard ? { reply_markup: keyboard } : {});
  }
}
