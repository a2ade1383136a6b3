/**
 * Telegram's HTML, built in this one layer. Every message dondoc sends is HTML (one parse-mode
 * transformer, src/chat/parse-mode.ts): text a person or a file wrote must be escaped, or
 * Telegram refuses the message. Views build messages with `html` (which escapes everything it
 * inserts but an `Html` fragment) and translations (whose every parameter is escaped the same way,
 * src/i18n.ts), so no call site escapes by hand.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A piece of HTML that is already safe: inserted as it is. */
export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type HtmlValue = string | number | Html;

const insert = (value: HtmlValue): string => (value instanceof Html ? value.html : escapeHtml(String(value)));

/** html`<b>${name}</b>`: the literal parts as written, every value escaped unless it is `Html`. */
export function html(parts: TemplateStringsArray, ...values: HtmlValue[]): Html {
  return new Html(parts.reduce((out, part, index) => out + part + (index < values.length ? insert(values[index]!) : ""), ""));
}

/** Already-safe HTML from a translation or a view, marked so it is not escaped again. */
export function trusted(safe: string): Html {
  return new Html(safe);
}

/** Lines joined, each escaped unless `Html`. */
export function lines(...items: (HtmlValue | null | undefined | false)[]): Html {
  return new Html(items.filter((item): item is HtmlValue => item !== null && item !== undefined && item !== false).map(insert).join("\n"));
}

export const bold = (value: HtmlValue) => html`<b>${value}</b>`;
export const italic = (value: HtmlValue) => html`<i>${value}</i>`;
export const code = (value: HtmlValue) => html`<code>${value}</code>`;

/** Shortens text for a list line, at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
