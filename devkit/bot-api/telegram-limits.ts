/** What Telegram refuses, as this server refuses it: long texts, long button data, bad markup. */
export const LIMITS = { text: 4096, caption: 1024, callbackData: 64, callbackAnswer: 200, groupPerMinute: 20 } as const;

const ALLOWED_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote", "span"]);

/** Telegram's answer to HTML it cannot parse; null when the markup is fine. */
export function htmlProblem(text: string): string | null {
  const stack: string[] = [];
  const tag = /<(\/?)([a-z-]+)(\s[^>]*)?>|<|&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/gi;
  for (const match of text.matchAll(tag)) {
    if (match[0] === "<" || match[0] === "&") return `Bad Request: can't parse entities: unexpected "${match[0]}" at byte offset ${match.index}`;
    const [, closing, name] = match;
    if (!ALLOWED_TAGS.has(name!.toLowerCase())) return `Bad Request: can't parse entities: unsupported start tag "${name}"`;
    if (closing) {
      if (stack.pop() !== name!.toLowerCase()) return `Bad Request: can't parse entities: can't find end tag corresponding to start tag "${name}"`;
    } else stack.push(name!.toLowerCase());
  }
  return stack.length > 0 ? `Bad Request: can't parse entities: can't find end tag corresponding to start tag "${stack.at(-1)}"` : null;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export function markupProblem(markup: unknown): string | null {
  if (!markup) return null;
  const parsed = markup as { inline_keyboard?: InlineButton[][] };
  for (const button of parsed.inline_keyboard?.flat() ?? []) {
    if (!button.text) return "Bad Request: text buttons are unallowed in the inline keyboard";
    if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > LIMITS.callbackData) return "Bad Request: BUTTON_DATA_INVALID";
  }
  return null;
}

/** The text a reader sees once HTML is parsed: what Telegram stores as the message text. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_w, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}
