import { parseTelegramHtml, utf16Length, type HtmlStrictness, type TextEntity } from "./telegram-html.ts";

/**
 * What Telegram refuses in a message, as this server refuses it, in the Bot API's own words
 * (the Bot API server and TDLib, tdlib/telegram-bot-api Client.cpp and td/telegram): the text's
 * markup, its length once the markup is read, the inline keyboard's buttons.
 */
export const LIMITS = {
  /** A message's text, 1–4096 characters after entities parsing (sendMessage). */
  text: 4096,
  /** A caption, 0–1024 characters after entities parsing (sendPhoto, sendDocument). */
  caption: 1024,
  /** The raw text the Bot API server reads at all, in bytes ("Text is too long"). */
  rawTextBytes: 1 << 15,
  /** callback_data, 1–64 bytes. */
  callbackData: 64,
  /** answerCallbackQuery's text, 0–200 characters. */
  callbackAnswer: 200,
  groupPerMinute: 20,
} as const;

export type MessageText = { ok: true; text: string; entities: TextEntity[] } | { ok: false; description: string };

/** TDLib trims these from both ends of a message before it counts or keeps it. */
const EDGE_SPACE = /^[ \t\r\n\v]+|[ \t\r\n\v]+$/g;

function trimmed(text: string, entities: TextEntity[]): { text: string; entities: TextEntity[] } {
  const lead = /^[ \t\r\n\v]*/.exec(text)![0].length;
  const kept = text.replace(EDGE_SPACE, "");
  const end = kept.length;
  const shifted = entities
    .map((entity) => {
      const start = Math.max(0, entity.offset - lead);
      const stop = Math.min(end, entity.offset + entity.length - lead);
      return { ...entity, offset: start, length: stop - start };
    })
    .filter((entity) => entity.length > 0);
  return { text: kept, entities: shifted };
}

/**
 * A message's text (or a caption) as Telegram keeps it once `parse_mode` is applied, or the
 * Bot API's refusal: empty text, raw text over 32 KiB, an unknown parse mode, HTML Telegram
 * cannot parse (see telegram-html.ts), nothing left after parsing, or too long after parsing.
 * Lengths are counted in UTF-16 code units, the stricter count (TDLib counts code points).
 */
export function readMessageText(raw: string, parseMode: unknown, kind: "text" | "caption", strictness: HtmlStrictness = "documentation"): MessageText {
  if (kind === "text" && raw.length === 0) return { ok: false, description: "Bad Request: message text is empty" };
  if (Buffer.byteLength(raw, "utf8") > LIMITS.rawTextBytes) return { ok: false, description: "Bad Request: text is too long" };
  const mode = parseMode === undefined || parseMode === null ? "" : String(parseMode).toLowerCase();
  let text = raw;
  let entities: TextEntity[] = [];
  if (raw.length > 0 && mode !== "" && mode !== "none") {
    if (mode === "markdown" || mode === "markdownv2") return { ok: false, description: `Bad Request: parse_mode ${String(parseMode)} is not read by this local server; dondoc sends HTML` };
    if (mode !== "html") return { ok: false, description: "Bad Request: unsupported parse_mode" };
    const reading = parseTelegramHtml(raw, { strictness });
    if (!reading.ok) return { ok: false, description: reading.description };
    ({ text, entities } = reading);
  }
  ({ text, entities } = trimmed(text, entities));
  if (kind === "text" && text.length === 0) return { ok: false, description: "Bad Request: text must be non-empty" };
  const limit = kind === "text" ? LIMITS.text : LIMITS.caption;
  if (utf16Length(text) > limit) return { ok: false, description: kind === "text" ? "Bad Request: message is too long" : "Bad Request: message caption is too long" };
  return { ok: true, text, entities };
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Telegram's refusal of a reply_markup, null when it is fine. Inline keyboards only (dondoc sends
 * no other kind): an Array of Arrays of buttons, each with a non-empty text and exactly one of a
 * url, callback_data of 1–64 bytes, web_app ({ url }, HTTPS only; "available only in private
 * chats between a user and the bot", refused elsewhere with BUTTON_TYPE_INVALID) or login_url ({ url }).
 */
export function markupProblem(markup: unknown, chatType: string): string | null {
  if (markup === undefined || markup === null || markup === "") return null;
  if (typeof markup === "string") return "Bad Request: can't parse reply keyboard markup JSON object";
  if (!isObject(markup)) return "Bad Request: object expected as reply markup";
  const keyboard = markup.inline_keyboard;
  if (keyboard === undefined) return null;
  if (!Array.isArray(keyboard)) return 'Bad Request: field "inline_keyboard" must be of type Array';
  const button = (words: string) => `Bad Request: can't parse inline keyboard button: ${words}`;
  for (const row of keyboard) {
    if (!Array.isArray(row)) return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays';
    for (const item of row) {
      if (!isObject(item)) return button("InlineKeyboardButton must be an Object");
      if (item.text === undefined) return button('Can\'t find field "text"');
      if (typeof item.text !== "string") return button('Field "text" must be of type String');
      for (const field of ["url", "callback_data"] as const) {
        if (item[field] !== undefined && typeof item[field] !== "string") return button(`Field "${field}" must be of type String`);
      }
      const data = (item.callback_data as string | undefined) ?? "";
      for (const field of ["web_app", "login_url"] as const) {
        const value = item[field];
        if (value === undefined) continue;
        if (!isObject(value)) return button(`Field "${field}" must be of type Object`);
        if (typeof value.url !== "string") return button(`Can't find field "url"`);
        // Telegram opens Web Apps over HTTPS only; this machine's own address is let through for the sandbox.
        if (field === "web_app" && !/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])/.test(value.url)) return "Bad Request: BUTTON_URL_INVALID";
        if (field === "web_app" && chatType !== "private") return "Bad Request: BUTTON_TYPE_INVALID";
      }
      const kinds = ["url", "callback_data", "web_app", "login_url"].filter((field) => item[field] !== undefined && item[field] !== "");
      if (kinds.length === 0) return button("Text buttons are unallowed in the inline keyboard");
      if (kinds.length > 1) return button("more than one of url, callback_data, web_app and login_url");
      if (item.text.length === 0) return "Bad Request: inline keyboard button text must be non-empty";
      if (item.callback_data !== undefined && Buffer.byteLength(data, "utf8") > LIMITS.callbackData) return "Bad Request: BUTTON_DATA_INVALID";
    }
  }
  return null;
}
