import { describe, expect, it } from "vitest";
import { parseTelegramHtml, type TextEntity } from "../../devkit/bot-api/telegram-html.ts";

/**
 * The local Bot API server's HTML reader against the Bot API documentation ("Formatting options",
 * HTML style) and the refusals Telegram's own parser gives, case by case.
 */
const read = (html: string) => parseTelegramHtml(html);
const readAsTelegram = (html: string) => parseTelegramHtml(html, { strictness: "telegram" });
const refusal = (html: string) => {
  const reading = read(html);
  return reading.ok ? null : reading.description;
};

describe("what the documentation's HTML style accepts", () => {
  // Every line of the documentation's example, with the entity it gives.
  const documented: [string, string, Omit<TextEntity, "offset" | "length">[]][] = [
    ["<b>bold</b>, <strong>bold</strong>", "bold, bold", [{ type: "bold" }, { type: "bold" }]],
    ["<i>italic</i>, <em>italic</em>", "italic, italic", [{ type: "italic" }, { type: "italic" }]],
    ["<u>underline</u>, <ins>underline</ins>", "underline, underline", [{ type: "underline" }, { type: "underline" }]],
    ["<s>s</s>, <strike>s</strike>, <del>s</del>", "s, s, s", [{ type: "strikethrough" }, { type: "strikethrough" }, { type: "strikethrough" }]],
    ['<span class="tg-spoiler">spoiler</span>, <tg-spoiler>spoiler</tg-spoiler>', "spoiler, spoiler", [{ type: "spoiler" }, { type: "spoiler" }]],
    ['<a href="http://www.example.com/">inline URL</a>', "inline URL", [{ type: "text_link", url: "http://www.example.com/" }]],
    ['<a href="tg://user?id=123456789">inline mention of a user</a>', "inline mention of a user", [{ type: "text_mention", user: { id: 123456789 } }]],
    ['<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍", [{ type: "custom_emoji", custom_emoji_id: "5368324170671202286" }]],
    ['<tg-time unix="1647531900" format="wDT">22:45 tomorrow</tg-time>', "22:45 tomorrow", [{ type: "date_time", unix_time: 1647531900, date_time_format: "wDT" }]],
    ['<tg-time unix="1647531900">22:45 tomorrow</tg-time>', "22:45 tomorrow", [{ type: "date_time", unix_time: 1647531900, date_time_format: "" }]],
    ["<code>inline fixed-width code</code>", "inline fixed-width code", [{ type: "code" }]],
    ["<pre>pre-formatted fixed-width code block</pre>", "pre-formatted fixed-width code block", [{ type: "pre" }]],
    ['<pre><code class="language-python">print(1)</code></pre>', "print(1)", [{ type: "pre", language: "python" }]],
    ["<blockquote>Block quotation started\nThe last line</blockquote>", "Block quotation started\nThe last line", [{ type: "blockquote" }]],
    ["<blockquote expandable>Expandable\nquotation</blockquote>", "Expandable\nquotation", [{ type: "expandable_blockquote" }]],
  ];
  it.each(documented)("%s", (html, text, entities) => {
    const reading = read(html);
    expect(reading).toMatchObject({ ok: true, text });
    if (reading.ok) expect(reading.entities.map(({ offset: _o, length: _l, ...rest }) => rest)).toEqual(entities);
  });

  it("nests styles as the documentation's example does", () => {
    const reading = read('<b>bold <i>italic bold <s>italic bold strikethrough <span class="tg-spoiler">spoiler</span></s> <u>underline italic bold</u></i> bold</b>');
    expect(reading.ok && reading.entities.map((e) => e.type).sort()).toEqual(["bold", "italic", "spoiler", "strikethrough", "underline"]);
  });

  it("decodes the four named entities and numeric ones, with offsets in UTF-16 units", () => {
    expect(read("5 &lt; 7 &gt; 3 &amp; &quot;x&quot; &#65;&#x42; &#128512;")).toMatchObject({ ok: true, text: '5 < 7 > 3 & "x" AB 😀' });
    // An emoji is two UTF-16 units: the bold after it starts at 3, not 2.
    expect(read("😀 <b>Hà</b>")).toMatchObject({ ok: true, entities: [{ type: "bold", offset: 3, length: 2 }] });
    expect(read("&#128512;<b>x</b>")).toMatchObject({ ok: true, entities: [{ offset: 2, length: 1 }] });
  });

  it("reads tag names in any case, attributes in either quote, and keeps newlines as text", () => {
    expect(read("<B>x</B>")).toMatchObject({ ok: true, text: "x", entities: [{ type: "bold" }] });
    expect(read("<a href='https://t.me/x?a=1&amp;b=2'>y</a>")).toMatchObject({ ok: true, entities: [{ url: "https://t.me/x?a=1&b=2" }] });
    expect(read("Dòng 1\nDòng 2")).toMatchObject({ ok: true, text: "Dòng 1\nDòng 2", entities: [] });
  });

  it("drops an entity with no text, as Telegram does", () => {
    expect(read("a<b></b>b")).toMatchObject({ ok: true, text: "ab", entities: [] });
  });
});

describe("what Telegram refuses, in Telegram's words", () => {
  const cases: [string, string][] = [
    ["<i>x", 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "i"'],
    ["<b><i>x</i>", 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"'],
    ["<x>y</x>", 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0'],
    ["Hạn <br> nộp", 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 6'],
    ["69/<i>KH", 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "i"'],
    ["5 < 7", 'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2'],
    ["a <", "Bad Request: can't parse entities: Unclosed start tag at byte offset 2"],
    ['<a href="x', "Bad Request: can't parse entities: Unclosed start tag at byte offset 0"],
    ["<b ", 'Bad Request: can\'t parse entities: Empty attribute name in the tag "b" at byte offset 0'],
    ["x</b>", "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"],
    ["<b>x</i>", 'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ["<b>x</b", "Bad Request: can't parse entities: Unclosed end tag at byte offset 4"],
    ["<b><i>x</b></i>", 'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['<span class="bold">x</span>', 'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<span>x</span>", 'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<tg-emoji emoji-id="abc">👍</tg-emoji>', "Bad Request: can't parse entities: Invalid custom emoji identifier specified"],
    ['<tg-time unix="1647531900" format="x">mai</tg-time>', "Bad Request: can't parse entities: Invalid date format used"],
    ["&#xD83D;", "Bad Request: can't parse entities: Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units"],
  ];
  it.each(cases)("%s", (html, description) => {
    expect(read(html)).toEqual({ ok: false, description, rule: "telegram" });
    expect(readAsTelegram(html)).toEqual({ ok: false, description, rule: "telegram" });
  });

  it("counts byte offsets in UTF-8, as Telegram does", () => {
    // "Đơn vị " is 11 bytes in UTF-8, 7 characters.
    expect(refusal("Đơn vị <đv>")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "đv" at byte offset 11');
  });
});

describe("what the documentation forbids and Telegram lets through", () => {
  const cases: [string, RegExp, string][] = [
    ["A & B", /Unescaped "&" at byte offset 2/, "A & B"],
    ["AT&T", /Unsupported HTML entity "&T" at byte offset 2/, "AT&T"],
    ["a&nbsp;b", /Unsupported HTML entity "&nbsp;" at byte offset 1/, "a&nbsp;b"],
    ["&copy; 2026", /Unsupported HTML entity "&copy;"/, "&copy; 2026"],
    ["5 &lt 7", /HTML entity "&lt" is not closed by ";" at byte offset 2/, "5 < 7"],
    ["&#0;", /Invalid numeric HTML entity at byte offset 0/, "&#0;"],
    ["7 > 5", /Unescaped ">" at byte offset 2/, "7 > 5"],
    ['<b class="x">y</b>', /Attribute "class" is not documented for the tag "b"/, "y"],
    ['<a href="https://t.me" target="_blank">y</a>', /Attribute "target" is not documented for the tag "a"/, "y"],
    ['<code class="language-js">x</code>', /Programming language can't be specified for a standalone "code" tag/, "x"],
    ["<code><b>x</b></code>", /Tag "b" can't be inside "code"/, "x"],
    ["<pre><a href=\"https://t.me\">x</a></pre>", /Tag "a" can't be inside "pre"/, "x"],
    ["<pre>a<code>x</code></pre>", /Tag "code" can't be inside "pre"/, "ax"],
    ['<pre><code class="language-js">x</code>y</pre>', /Tag "code" must fill its "pre"/, "xy"],
    ["<blockquote><blockquote>x</blockquote></blockquote>", /block quotations can't be nested/, "x"],
    ['<a href="https://t.me"><code>x</code></a>', /Tag "code" can't be inside "a"/, "x"],
    ['<tg-time unix="1647531900" format="TDw">mai</tg-time>', /Invalid date format used: the documentation's formats/, "mai"],
    ["<b>x</>", /Empty end tag/, "x"],
  ];
  it.each(cases)("%s", (html, words, telegramText) => {
    const reading = read(html);
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(reading.rule).toBe("documentation");
      expect(reading.description).toMatch(/^Bad Request: can't parse entities: /);
      expect(reading.description).toMatch(words);
    }
    // Telegram itself keeps it, as text the reader sees.
    expect(readAsTelegram(html)).toMatchObject({ ok: true, text: telegramText });
  });

  it("still lets styles sit in links and quotes, and links and code in quotes", () => {
    expect(read('<a href="https://t.me"><b>x</b></a> <b><a href="https://t.me">y</a></b>')).toMatchObject({ ok: true, text: "x y" });
    expect(read('<blockquote><b>x</b> <a href="https://t.me">y</a> <code>z</code></blockquote>')).toMatchObject({ ok: true, text: "x y z" });
    expect(read("<i><code>x</code></i>")).toMatchObject({ ok: true, text: "x" });
  });
});
