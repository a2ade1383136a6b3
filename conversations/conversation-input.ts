import type { Conversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../src/context.ts";

/** One answer in a guided conversation, read into what the dialogue cares about. */
export type Input =
  | { kind: "cancel"; ctx: ConversationContext }
  | { kind: "button"; data: string; ctx: ConversationContext }
  | { kind: "text"; text: string; ctx: ConversationContext }
  | { kind: "photo"; fileId: string; fileUniqueId: string; ctx: ConversationContext }
  | { kind: "document"; fileId: string; fileUniqueId: string; fileName: string | null; mimeType: string | null; ctx: ConversationContext }
  | { kind: "other"; ctx: ConversationContext };

const CANCEL = /^\/(huy|cancel)(@\w+)?$/i;
/** Commands and buttons that would start something else while this dialogue is open. */
const ELSEWHERE = /^\/[a-z]+(@\w+)?(\s|$)/i;

/**
 * Waits for the next update of this chat; pressing a button is acknowledged at once. Another
 * command, or a button from an older message, gets a reminder that this dialogue is still open.
 */
export async function nextInput(conversation: Conversation<BotContext, ConversationContext>): Promise<Input> {
  for (;;) {
    const input = await readInput(conversation);
    const elsewhere =
      (input.kind === "text" && ELSEWHERE.test(input.text.trim())) || (input.kind === "button" && !input.data.startsWith("c:"));
    if (!elsewhere) return input;
    await input.ctx.reply(input.ctx.t("conversation-busy"));
  }
}

async function readInput(conversation: Conversation<BotContext, ConversationContext>): Promise<Input> {
  const ctx = await conversation.wait();
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    await ctx.answerCallbackQuery().catch(() => undefined);
    return data === "c:cancel" ? { kind: "cancel", ctx } : { kind: "button", data, ctx };
  }
  const message = ctx.message;
  if (message?.text !== undefined) return CANCEL.test(message.text.trim()) ? { kind: "cancel", ctx } : { kind: "text", text: message.text, ctx };
  if (message?.photo && message.photo.length > 0) {
    const largest = message.photo.at(-1)!;
    return { kind: "photo", fileId: largest.file_id, fileUniqueId: largest.file_unique_id, ctx };
  }
  if (message?.document) {
    const { file_id, file_unique_id, file_name, mime_type } = message.document;
    return { kind: "document", fileId: file_id, fileUniqueId: file_unique_id, fileName: file_name ?? null, mimeType: mime_type ?? null, ctx };
  }
  return { kind: "other", ctx };
}

/** A button inside a conversation: "c:" marks it, so the same press outside one is known as stale. */
export const button = (text: string, data: string) => ({ text, callback_data: `c:${data}` });
