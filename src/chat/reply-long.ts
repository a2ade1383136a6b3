import { GrammyError } from "grammy";
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

/**
 * As `replyLong`, with a keyboard Telegram may refuse while the rest is fine (the dashboard's login
 * button before the bot's domain is linked with @BotFather): the text then goes without it.
 */
export async function replyLongWithOptionalKeyboard(ctx: BotContext, html: string, keyboard: InlineKeyboardMarkup | undefined): Promise<void> {
  const parts = splitMessage(html);
  for (const [index, part] of parts.entries()) {
    if (index < parts.length - 1 || !keyboard) {
      await ctx.reply(part);
      continue;
    }
    await ctx.reply(part, { reply_markup: keyboard }).catch(async (error: unknown) => {
      if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
      await ctx.reply(part);
    });
  }
}
