/**
 * Telegram's HTML parse mode, read as Telegram reads it and refused where Telegram refuses it.
 *
 * Two sources, in this order:
 * - the Bot API documentation, "Formatting options" → "HTML style"
 *   (https://core.telegram.org/bots/api#html-style): the tags below and only these; every `<`, `>`
 *   and `&` that is not part of a tag or an entity written as `&lt;`, `&gt;`, `&amp;`; numeric
 *   entities and the four named ones `&lt; &gt; &amp; &quot;`; `pre` with an inner `code
 *   class="language-…"` and no language on a standalone `code`; the nesting rules above the
 *   styles (bold, italic, underline, strikethrough and spoiler may hold and sit in anything but
 *   `pre` and `code`; blockquotes do not nest; the other entities do not hold one another);
 *   the date-time format `r|w?[dD]?[tT]?`;
 * - Telegram's own parser (TDLib's `parse_html`, which the Bot API server calls for
 *   `parse_mode: "HTML"`), for how a tag, an attribute and an entity are scanned, and for the
 *   exact words of each refusal ("Unsupported start tag \"x\" at byte offset 1", "Can't find end
 *   tag corresponding to start tag \"i\"", …), which the Bot API sends as
 *   `Bad Request: can't parse entities: <words>`.
 *
 * Telegram itself tolerates some of what the documentation forbids: it keeps a stray `&` or `>`,
 * an unknown entity such as `&nbsp;` or an entity without its `;` as plain text, and drops badly
 * nested entities without a word. A person then sees "&nbsp;" or loses a link, so by default
 * (`strictness: "documentation"`) this parser refuses those too, in the same form, and says so
 * with `rule: "documentation"`; `strictness: "telegram"` refuses only what Telegram refuses.
 *
 * The result is what Telegram keeps: the text a reader sees and its entities, offsets and
 * lengths in UTF-16 code units. Pure: no I/O.
 */

export type EntityType =
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "text_link"
  | "text_mention"
  | "custom_emoji"
  | "date_time"
  | "code"
  | "pre"
  | "blockquote"
  | "expandable_blockquote";

export interface TextEntity {
  type: EntityType;
  /** In UTF-16 code units, as the Bot API counts. */
  offset: number;
  length: number;
  url?: string;
  user?: { id: number };
  language?: string;
  custom_emoji_id?: string;
  unix_time?: number;
  date_time_format?: string;
}

export type HtmlStrictness = "documentation" | "telegram";

export type HtmlReading =
  | { ok: true; text: string; entities: TextEntity[] }
  | {
      ok: false;
      /** The Bot API's answer, `Bad Request: can't parse entities: …`. */
      description: string;
      /** "telegram": Telegram refuses it in these words; "documentation": the documentation forbids it, Telegram lets it through. */
      rule: "telegram" | "documentation";
    };

const PREFIX = "Bad Request: can't parse entities: ";

/** The tags Telegram's parser knows (TDLib parse_html); the documentation lists the same. */
const KNOWN_TAGS = new Set(["a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "tg-time", "span", "pre", "code", "blockquote"]);

/** The attributes the documentation shows, tag by tag; Telegram ignores any other. */
const DOCUMENTED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  span: ["class"],
  code: ["class"],
  "tg-emoji": ["emoji-id"],
  "tg-time": ["unix", "format"],
  blockquote: ["expandable"],
};

/** Styles may hold and sit in anything but pre and code (documentation, "Message entities can be nested"). */
const STYLES = new Set(["b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "span"]);

const DATE_TIME_FORMAT = /^(?:r|w?[dD]?[tT]?)$/;

// —— bytes, as TDLib scans them ——

/** TDLib's is_space: the parser stops a tag name or an attribute at one of these (NUL is the end of the text). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x00 || c === 0x0b;
}
function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isAlnum(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}

/** UTF-8 bytes of one code point, surrogates included (as TDLib appends them, to refuse them afterwards). */
function utf8Of(code: number): number[] {
  if (code < 0x80) return [code];
  if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 0x3f)];
  if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
  return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
}

interface DecodedEntity {
  /** 0 when TDLib does not read it as an entity (then the `&` stays as text). */
  code: number;
  /** Where reading goes on. */
  next: number;
  named: string | null;
  withSemicolon: boolean;
}

/** TDLib's decode_html_entity, byte for byte: `&#123;`, `&#x7b;`, and the four named entities; the `;` is optional to Telegram. */
function decodeEntity(at: (i: number) => number, pos: number): DecodedEntity {
  let end = pos + 1;
  let code = 0;
  let named: string | null = null;
  if (at(pos + 1) === 0x23 /* # */) {
    end++;
    if (at(pos + 2) === 0x78 /* x */) {
      end++;
      while (isHexDigit(at(end))) code = code * 16 + parseInt(String.fromCharCode(at(end++)), 16);
    } else {
      while (isDigit(at(end))) code = code * 10 + (at(end++) - 0x30);
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return { code: 0, next: pos, named, withSemicolon: false };
  } else {
    while (isAlpha(at(end))) end++;
    let name = "";
    for (let i = pos + 1; i < end; i++) name += String.fromCharCode(at(i));
    named = name;
    code = name === "lt" ? 0x3c : name === "gt" ? 0x3e : name === "amp" ? 0x26 : name === "quot" ? 0x22 : 0;
    if (code === 0) return { code: 0, next: end, named, withSemicolon: at(end) === 0x3b };
  }
  const withSemicolon = at(end) === 0x3b;
  return { code, next: withSemicolon ? end + 1 : end, named, withSemicolon };
}

interface OpenTag {
  name: string;
  argument: string;
  date: number;
  /** UTF-16 offset in the text the reader sees. */
  offset: number;
  /** Byte position in the output, for an `<a>` without href (its text is the address). */
  outputStart: number;
  /** Byte offset of the `<` in the input, for the documentation's refusals. */
  byteOffset: number;
  /** A `pre`'s inner `code`, to check that it fills the `pre`. */
  innerCode?: { start: number; end: number };
}

/** "tg://user?id=123" (also "tg:user?id=", as TDLib's LinkManager reads it): a mention of a person. */
function mentionedUser(url: string): number | null {
  const match = /^tg:(?:\/\/)?user\?id=(\d+)$/i.exec(url.trim());
  return match ? Number(match[1]) : null;
}

/** The documentation's nesting rules, for a tag opened inside `stack`; null when allowed. */
function nestingBreach(stack: OpenTag[], tag: string, outputLength: number): string | null {
  const parent = stack.at(-1);
  for (const outer of stack) {
    if (outer.name === "pre" && tag === "code" && outer === parent && outer.outputStart === outputLength) continue;
    if (outer.name === "pre" || outer.name === "code") return `Tag "${tag}" can't be inside "${outer.name}": pre and code hold no other entity`;
    if (STYLES.has(tag) || STYLES.has(outer.name)) continue;
    if (tag === "blockquote" && outer.name === "blockquote") return `Tag "blockquote" can't be inside "blockquote": block quotations can't be nested`;
    if (outer.name === "blockquote") continue;
    return `Tag "${tag}" can't be inside "${outer.name}": these entities can't contain each other`;
  }
  return null;
}

/** Reads `html` as Telegram's HTML parse mode; see the module's comment. */
export function parseTelegramHtml(html: string, options: { strictness?: HtmlStrictness } = {}): HtmlReading {
  const strict = (options.strictness ?? "documentation") === "documentation";
  const input = Buffer.from(html, "utf8");
  const size = input.length;
  const at = (i: number) => (i < size ? input[i]! : 0);
  const refuse = (words: string): HtmlReading => ({ ok: false, description: PREFIX + words, rule: "telegram" });
  const breach = (words: string): HtmlReading => ({ ok: false, description: PREFIX + words, rule: "documentation" });

  const output: number[] = [];
  let utf16 = 0;
  let surrogate = false;
  const entities: TextEntity[] = [];
  const open: OpenTag[] = [];

  for (let i = 0; i < size; i++) {
    const c = at(i);
    if (c === 0x26 /* & */) {
      const decoded = decodeEntity(at, i);
      if (decoded.code !== 0) {
        if (strict && !decoded.withSemicolon) return breach(`HTML entity "&${decoded.named ?? "#…"}" is not closed by ";" at byte offset ${i}`);
        utf16 += decoded.code > 0xffff ? 2 : 1;
        if (decoded.code >= 0xd800 && decoded.code <= 0xdfff) surrogate = true;
        output.push(...utf8Of(decoded.code));
        i = decoded.next - 1;
        continue;
      }
      if (strict) {
        if (decoded.named) return breach(`Unsupported HTML entity "&${decoded.named}${decoded.withSemicolon ? ";" : ""}" at byte offset ${i}: only &lt; &gt; &amp; &quot; and numeric entities are supported`);
        if (at(i + 1) === 0x23) return breach(`Invalid numeric HTML entity at byte offset ${i}`);
        return breach(`Unescaped "&" at byte offset ${i}: write &amp;`);
      }
    }
    if (c !== 0x3c /* < */) {
      if (strict && c === 0x3e /* > */) return breach(`Unescaped ">" at byte offset ${i}: write &gt;`);
      // A code point's first byte: one UTF-16 unit, two for four-byte sequences.
      if ((c & 0xc0) !== 0x80) utf16 += c >= 0xf0 ? 2 : 1;
      output.push(c);
      continue;
    }

    const begin = i++;
    if (at(i) !== 0x2f /* / */) {
      // A start tag.
      while (!isSpace(at(i)) && at(i) !== 0x3e) i++;
      if (i >= size) return refuse(`Unclosed start tag at byte offset ${begin}`);
      const tag = input.subarray(begin + 1, i).toString("utf8").toLowerCase();
      if (!KNOWN_TAGS.has(tag)) return refuse(`Unsupported start tag "${tag}" at byte offset ${begin}`);

      let argument = "";
      let date = 0;
      while (at(i) !== 0x3e) {
        while (i < size && isSpace(at(i))) i++;
        if (at(i) === 0x3e) break;
        const nameStart = i;
        while (!isSpace(at(i)) && at(i) !== 0x3d && at(i) !== 0x3e && at(i) !== 0x2f && at(i) !== 0x22 && at(i) !== 0x27) i++;
        const attribute = input.subarray(nameStart, i).toString("utf8");
        if (attribute.length === 0) return refuse(`Empty attribute name in the tag "${tag}" at byte offset ${begin}`);
        if (strict && !(DOCUMENTED_ATTRIBUTES[tag] ?? []).includes(attribute)) return breach(`Attribute "${attribute}" is not documented for the tag "${tag}" at byte offset ${begin}`);
        while (i < size && isSpace(at(i))) i++;
        if (at(i) !== 0x3d /* = */) {
          if (i >= size) return refuse(`Unclosed start tag "${tag}" at byte offset ${begin}`);
          if (tag === "blockquote" && attribute === "expandable") argument = "1";
          continue;
        }
        i++;
        while (i < size && isSpace(at(i))) i++;
        if (i >= size) return refuse(`Unclosed start tag "${tag}" at byte offset ${begin}`);

        let value: string;
        if (at(i) !== 0x27 && at(i) !== 0x22) {
          // A name token: letters, digits, periods, hyphens; not case sensitive.
          const tokenStart = i;
          while (isAlnum(at(i)) || at(i) === 0x2e || at(i) === 0x2d) i++;
          value = input.subarray(tokenStart, i).toString("utf8").toLowerCase();
          if (!isSpace(at(i)) && at(i) !== 0x3e) return refuse(`Unexpected end of name token at byte offset ${tokenStart}`);
        } else {
          // A string literal, where entities are decoded too.
          const quote = at(i++);
          const bytes: number[] = [];
          while (at(i) !== quote && i < size) {
            if (at(i) === 0x26) {
              const decoded = decodeEntity(at, i);
              if (decoded.code !== 0) {
                bytes.push(...utf8Of(decoded.code));
                i = decoded.next;
                continue;
              }
              if (strict) return breach(`Unescaped "&" in the value of "${attribute}" at byte offset ${i}: write &amp;`);
            }
            bytes.push(at(i++));
          }
          if (at(i) === quote) i++;
          value = Buffer.from(bytes).toString("utf8");
        }
        if (i >= size) return refuse(`Unclosed start tag at byte offset ${begin}`);

        if (tag === "a" && attribute === "href") argument = value;
        else if (tag === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (tag === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (tag === "tg-emoji" && attribute === "emoji-id") argument = value;
        else if (tag === "blockquote" && attribute === "expandable") argument = "1";
        else if (tag === "tg-time" && attribute === "unix") date = /^-?\d+$/.test(value) ? Number(value) : 0;
        else if (tag === "tg-time" && attribute === "format") argument = value;
      }

      if (tag === "span" && argument !== "spoiler") return refuse(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
      if (strict) {
        const nested = nestingBreach(open, tag, output.length);
        if (nested) return breach(`${nested}, at byte offset ${begin}`);
        if (tag === "code" && argument && open.at(-1)?.name !== "pre") return breach(`Programming language can't be specified for a standalone "code" tag, at byte offset ${begin}`);
      }
      open.push({ name: tag, argument, date, offset: utf16, outputStart: output.length, byteOffset: begin });
      continue;
    }

    // An end tag.
    if (open.length === 0) return refuse(`Unexpected end tag at byte offset ${begin}`);
    while (!isSpace(at(i)) && at(i) !== 0x3e) i++;
    const endName = input.subarray(begin + 2, i).toString("utf8").toLowerCase();
    while (i < size && isSpace(at(i))) i++;
    if (at(i) !== 0x3e) return refuse(`Unclosed end tag at byte offset ${begin}`);
    const top = open.at(-1)!;
    if (endName !== "" && endName !== top.name) return refuse(`Unmatched end tag at byte offset ${begin}, expected "</${top.name}>", found "</${endName}>"`);
    if (strict && endName === "") return breach(`Empty end tag "</>" at byte offset ${begin}: write "</${top.name}>"`);

    if (utf16 > top.offset) {
      const offset = top.offset;
      const length = utf16 - offset;
      const last = entities.at(-1);
      switch (top.name) {
        case "i":
        case "em":
          entities.push({ type: "italic", offset, length });
          break;
        case "b":
        case "strong":
          entities.push({ type: "bold", offset, length });
          break;
        case "s":
        case "strike":
        case "del":
          entities.push({ type: "strikethrough", offset, length });
          break;
        case "u":
        case "ins":
          entities.push({ type: "underline", offset, length });
          break;
        case "tg-spoiler":
        case "span":
          entities.push({ type: "spoiler", offset, length });
          break;
        case "tg-emoji": {
          if (!/^-?\d+$/.test(top.argument) || BigInt(top.argument) === 0n || BigInt(top.argument) > 2n ** 63n - 1n) return refuse("Invalid custom emoji identifier specified");
          entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: top.argument });
          break;
        }
        case "tg-time": {
          const format = top.argument;
          const tdlibAccepts = format === "r" || format === "R" || /^[tTdDwW]*$/.test(format);
          if (!tdlibAccepts) return refuse("Invalid date format used");
          if (strict && !DATE_TIME_FORMAT.test(format)) return breach(`Invalid date format used: the documentation's formats are r|w?[dD]?[tT]?, not "${format}"`);
          if (top.date > 0) entities.push({ type: "date_time", offset, length, unix_time: top.date, date_time_format: format });
          break;
        }
        case "a": {
          const url = top.argument || Buffer.from(output.slice(top.outputStart)).toString("utf8");
          const user = mentionedUser(url);
          entities.push(user !== null ? { type: "text_mention", offset, length, user: { id: user } } : { type: "text_link", offset, length, url });
          break;
        }
        case "pre":
          if (last && last.type === "code" && last.offset === offset && last.length === length && last.language) {
            last.type = "pre";
          } else {
            if (strict && top.innerCode && top.innerCode.end !== output.length) return breach(`Tag "code" must fill its "pre", at byte offset ${top.byteOffset}`);
            entities.push({ type: "pre", offset, length });
          }
          break;
        case "code": {
          const parent = open.at(-2);
          if (parent?.name === "pre") parent.innerCode = { start: top.outputStart, end: output.length };
          if (last && last.type === "pre" && last.offset === offset && last.length === length && top.argument) last.language = top.argument;
          else entities.push({ type: "code", offset, length, ...(top.argument ? { language: top.argument } : {}) });
          break;
        }
        case "blockquote":
          entities.push({ type: top.argument ? "expandable_blockquote" : "blockquote", offset, length });
          break;
      }
    }
    open.pop();
  }
  if (open.length > 0) return refuse(`Can't find end tag corresponding to start tag "${open.at(-1)!.name}"`);
  if (surrogate) return refuse("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units");

  // A language stays only on a pre (TDLib clears it from a standalone code).
  for (const entity of entities) if (entity.type === "code") delete entity.language;
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text: Buffer.from(output).toString("utf8"), entities };
}

/** The length the Bot API's limits are checked against: UTF-16 code units. */
export function utf16Length(text: string): number {
  return text.length;
}
