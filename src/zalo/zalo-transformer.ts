import { InputFile, type Transformer } from "grammy";
import { publishImage } from "../services/published-images.ts";
import { memberLocales } from "../middleware/member-loader.ts";
import { isLocale, translatorFor, type Locale, type Translate } from "../i18n.ts";
import { recordSentMessage, zaloIdOf } from "./zalo-chats.ts";
import type { ZaloClient, ZaloResponse } from "./zalo-client.ts";
import { systemClock, type Clock } from "../time/clock.ts";
import { chatOfZaloCallback, isZaloChatId, zaloFileUrl } from "../chat-networks.ts";
import { choicesOf, plainText, zaloMessages, type Button } from "./zalo-text.ts";

/**
 * Zalo behind the Bot API the features already call: a grammY transformer that takes every call
 * addressed to a Zalo chat (a chat number above 2^52) and makes it on Zalo instead — the text
 * plain and in parts of 2,000 characters, the buttons written as numbered choices, an edit sent
 * as a new message (Zalo cannot edit), a file refused with a sentence. Calls for Telegram chats
 * pass through untouched. So the dialogues, the outbox and the jobs are the same for both
 * networks, and a Zalo chat is only a chat with another number.
 */
type Payload = Record<string, unknown>;
type Result = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

function translatorOf(chatId: number, defaultLocale: Locale): Translate {
  const chosen = memberLocales.get(chatId);
  return translatorFor(chosen && isLocale(chosen) ? chosen : defaultLocale);
}

/** Zalo's refusals in the words the outbox and grammY understand: a user out of reach is Telegram's 403. */
export function asTelegramFailure(failure: { error_code: number; description: string }): Result {
  const description = failure.description ?? "";
  if (failure.error_code === 403 || /block|chặn|forbidden|not allowed|permission/i.test(description)) {
    return { ok: false, error_code: 403, description: `Forbidden: bot was blocked by the user (Zalo: ${description})` };
  }
  if (failure.error_code === 429) return { ok: false, error_code: 429, description: `Too Many Requests (Zalo: ${description})`, parameters: { retry_after: 1 } };
  return { ok: false, error_code: failure.error_code || 500, description: `Zalo: ${description}` };
}

export interface ZaloTransformerOptions {
  defaultLocale: Locale;
  /** Where dondoc's HTTP server is reached from outside: Zalo takes photos only by address. */
  publicBaseUrl?: string;
  /** The bot's clock: a published chart's expiry is counted on it, and a long message's parts are paced by it. */
  clock?: Clock;
}

/** The bytes of a photo the features send as a file (the digest's chart). */
async function photoBytes(photo: unknown): Promise<Uint8Array | null> {
  if (photo instanceof InputFile) {
    const raw = await photo.toRaw();
    if (raw instanceof Uint8Array) return raw;
  }
  return null;
}

/**
 * A message too long for one Zalo message goes as parts one second apart, and the chat's next
 * message a second after the last part: Zalo publishes no limits, and one a second per chat is
 * what dondoc promises to stay within.
 */
const PART_GAP_MS = 1000;

export function zaloTransformer(client: ZaloClient, options: ZaloTransformerOptions): Transformer {
  const clock = options.clock ?? systemClock;
  const sendText = async (chatId: number, text: string, parseMode: unknown, markup: unknown): Promise<Result> => {
    const zaloId = await zaloIdOf(chatId);
    if (!zaloId) return { ok: false, error_code: 400, description: "Bad Request: chat not found (no such Zalo chat)" };
    const keyboard = ((markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []) as Button[][];
    const choices = choicesOf(keyboard);
    const t = translatorOf(chatId, options.defaultLocale);
    const parts = zaloMessages(String(text ?? ""), choices, t, parseMode === "HTML" ? "HTML" : undefined);
    for (const part of parts) {
      const sent: ZaloResponse = await client.call("sendMessage", { chat_id: zaloId, text: part });
      if (!sent.ok) return asTelegramFailure(sent);
      if (parts.length > 1) await clock.sleep(PART_GAP_MS);
    }
    const messageId = await recordSentMessage(chatId, choices, clock.now());
    return { ok: true, result: { message_id: messageId, date: Math.floor(clock.now().getTime() / 1000), chat: { id: chatId, type: "private", first_name: "" }, text: plainText(String(text ?? "")) } };
  };

  return async (prev, method, payload, signal) => {
    const p = (payload ?? {}) as Payload;
    const callbackChat = method === "answerCallbackQuery" ? chatOfZaloCallback(p.callback_query_id) : null;
    if (callbackChat !== null) {
      // A pressed number has no popup to answer in: a short answer becomes a message.
      if (p.text) await sendText(callbackChat, String(p.text), undefined, undefined);
      return { ok: true, result: true } as never;
    }
    if (method === "getFile" && zaloFileUrl(String(p.file_id ?? ""))) {
      return { ok: true, result: { file_id: p.file_id, file_unique_id: String(p.file_id).slice(-16), file_path: zaloFileUrl(String(p.file_id)) } } as never;
    }
    const scope = p.scope as { chat_id?: unknown } | undefined;
    if ((method === "setMyCommands" || method === "deleteMyCommands") && isZaloChatId(scope?.chat_id as number)) return { ok: true, result: true } as never;
    if (!isZaloChatId(p.chat_id as number)) return prev(method, payload, signal);
    const chatId = Number(p.chat_id);
    const t = translatorOf(chatId, options.defaultLocale);
    switch (method) {
      case "sendMessage":
      case "editMessageText":
        // Zalo cannot change a message it has sent: the new text comes as a new message.
        return (await sendText(chatId, String(p.text ?? ""), p.parse_mode, p.reply_markup)) as never;
      case "editMessageReplyMarkup":
      case "deleteMessage":
      case "pinChatMessage":
        return { ok: true, result: true } as never;
      case "sendChatAction": {
        const zaloId = await zaloIdOf(chatId);
        if (zaloId) await client.call("sendChatAction", { chat_id: zaloId, action: "typing" }).catch(() => undefined);
        return { ok: true, result: true } as never;
      }
      case "sendPhoto": {
        const caption = p.caption ? `${String(p.caption)}\n\n` : "";
        const bytes = options.publicBaseUrl ? await photoBytes(p.photo) : null;
        const address = bytes ? await publishImage(bytes, options.publicBaseUrl!, clock.now()) : typeof p.photo === "string" && /^https?:\/\//.test(p.photo) ? p.photo : null;
        const zaloId = address ? await zaloIdOf(chatId) : null;
        if (address && zaloId) {
          const sent: ZaloResponse = await client.call("sendPhoto", { chat_id: zaloId, photo: address, ...(p.caption ? { caption: plainText(String(p.caption)).slice(0, 2000) } : {}) });
          if (!sent.ok) return asTelegramFailure(sent) as never;
          return { ok: true, result: { message_id: await recordSentMessage(chatId, [], clock.now()), date: Math.floor(clock.now().getTime() / 1000), chat: { id: chatId, type: "private" } } } as never;
        }
        return (await sendText(chatId, `${caption}${t("zalo-photo-not-sent")}`, p.parse_mode, undefined)) as never;
      }
      case "sendDocument":
        return (await sendText(chatId, t("zalo-file-not-sent"), undefined, undefined)) as never;
      default:
        return { ok: false, error_code: 400, description: `Bad Request: ${method} is not available on Zalo` } as never;
    }
  };
}
