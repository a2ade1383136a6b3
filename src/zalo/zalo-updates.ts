import type { Update } from "grammy/types";
import { reportButton } from "../chat/callback-data.ts";
import { meansDone } from "../followup/report-input.ts";
import { findMember } from "../services/members.ts";
import { zaloChatFor } from "./zalo-chats.ts";
import { numberForZaloId, zaloCallbackId, zaloFileId } from "../chat-networks.ts";
import { readReplyToChat } from "./zalo-text.ts";
import { hasOpenConversation } from "../conversation-storage.ts";

/**
 * A Zalo update, as the Bot Platform documents it: an event name and a message whose ids are
 * strings and whose date is in milliseconds. Only what dondoc reads is typed; everything else
 * is ignored.
 */
export interface ZaloUpdate {
  event_name?: string;
  message?: {
    message_id?: string;
    date?: number;
    text?: string;
    caption?: string;
    /** A photo's address; the documentation names it `photo` (older transcriptions `photo_url`). */
    photo?: string;
    photo_url?: string;
    from?: { id?: string; display_name?: string; first_name?: string };
    chat?: { id?: string; chat_type?: string };
  };
}

/**
 * Where a Zalo update queues and under which id, read without the database: the chat's number as
 * zaloChatFor first gives it, and the update's own number (the same delivery seen twice is one
 * update). Null when it names no sender.
 */
export function zaloUpdateKey(update: ZaloUpdate): { chat: number; id: number } | null {
  const message = update.message;
  const fromId = message?.from?.id ?? message?.chat?.id;
  if (!message || !fromId) return null;
  return { chat: numberForZaloId(String(fromId)), id: numberForZaloId(message.message_id ?? `${fromId}:${message.date ?? ""}:${message.text ?? ""}`, 1) };
}

/** An invite code as /moi makes them: what a newcomer pastes into Zalo, which has no start links. */
const INVITE_CODE = /^[A-Za-z0-9_-]{16}$/;

/**
 * The Telegram update a Zalo update means for the features: a text, a command, a photo, or — when
 * the reply names one of the choices last offered — the press of that button. Private chats
 * only (Zalo bots are not in groups). Null for what the bot does not read.
 */
export async function telegramUpdateFrom(update: ZaloUpdate): Promise<Update | null> {
  const message = update.message;
  const fromId = message?.from?.id ?? message?.chat?.id;
  if (!message || !fromId || (message.chat?.chat_type && message.chat.chat_type.toUpperCase() !== "PRIVATE")) return null;
  const name = (message.from?.display_name ?? message.from?.first_name ?? "").trim() || "Zalo";
  const chat = await zaloChatFor(String(fromId), name);
  const updateId = zaloUpdateKey(update)!.id;
  const date = Math.floor((message.date && message.date > 1e12 ? message.date / 1000 : (message.date ?? Date.now() / 1000)) as number);
  const from = { id: chat.chatId, is_bot: false as const, first_name: name };
  const telegramChat = { id: chat.chatId, type: "private" as const, first_name: name };
  const base = { message_id: updateId % 2 ** 31, date, chat: telegramChat, from };

  const photo = message.photo ?? message.photo_url;
  if (photo) {
    const fileId = zaloFileId(photo);
    return { update_id: updateId, message: { ...base, photo: [{ file_id: fileId, file_unique_id: fileId.slice(-16), width: 0, height: 0 }], ...(message.caption ? { caption: message.caption } : {}) } } as Update;
  }
  const text = message.text?.trim();
  // A sticker, a file Zalo does not describe: a message with nothing the bot reads.
  if (!text) return { update_id: updateId, message: base } as Update;

  const asCommand = (command: string) => ({ update_id: updateId, message: { ...base, text: command, entities: [{ type: "bot_command" as const, offset: 0, length: command.split(/\s/)[0]!.length }] } }) as Update;
  if (text.startsWith("/")) return asCommand(text);
  if (INVITE_CODE.test(text) && !(await findMember(chat.chatId))) return asCommand(`/start ${text}`);

  const { reading, messageId } = readReplyToChat(text, chat.offered, chat.reports, await hasOpenConversation(chat.chatId));
  if (reading.kind === "choice") {
    const report = reportButton.read(reading.choice.data);
    const data = report && reading.rest && meansDone(reading.rest) ? reportButton.build({ ...report, saidDone: true }) : reading.choice.data;
    return {
      update_id: updateId,
      callback_query: {
        id: zaloCallbackId(chat.chatId, updateId),
        from,
        chat_instance: String(chat.chatId),
        data,
        message: { message_id: messageId ?? 0, date, chat: telegramChat, text: "" },
      },
    } as Update;
  }
  return { update_id: updateId, message: { ...base, text } } as Update;
}
