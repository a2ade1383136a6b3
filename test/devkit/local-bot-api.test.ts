import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";

/**
 * The local Bot API server refuses what Telegram refuses in a message, in the Bot API's words:
 * its HTML, its length once the HTML is read, its keyboard, an edit that changes nothing, an
 * answer to a callback query Telegram never issued.
 */
const TOKEN = "123:local";
const CHAT = 5001;
let telegram: LocalBotApi;

beforeEach(async () => {
  telegram = new LocalBotApi({ token: TOKEN });
  await telegram.start();
});
afterEach(() => telegram.stop());

const call = async (method: string, params: Record<string, unknown>) => {
  const response = await fetch(`${telegram.url}/bot${TOKEN}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) });
  return (await response.json()) as { ok: boolean; description?: string; result?: Record<string, unknown> };
};
const send = (text: string, extra: Record<string, unknown> = {}) => call("sendMessage", { chat_id: CHAT, text, parse_mode: "HTML", ...extra });

describe("a message's text", () => {
  it("keeps what a reader sees and its entities, and refuses HTML Telegram cannot parse", async () => {
    expect((await send("<b>Kế hoạch</b> số 69/KH &amp; 70/KH")).result).toMatchObject({ text: "Kế hoạch số 69/KH & 70/KH", entities: [{ type: "bold", offset: 0, length: 8 }] });
    expect(await send("Kế hoạch số 69/<i>KH")).toEqual({ ok: false, error_code: 400, description: 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "i"' });
    expect(await send("Hạn <x> nộp")).toMatchObject({ ok: false, description: 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 6' });
    expect((await send("Sở A & Sở B")).description).toMatch(/^Bad Request: can't parse entities: Unescaped "&"/);
    expect(telegram.refusals.map((r) => r.method)).toEqual(["sendMessage", "sendMessage", "sendMessage"]);
  });

  it("reads HTML only under parse_mode HTML, in any case, and refuses a parse mode it does not know", async () => {
    expect((await call("sendMessage", { chat_id: CHAT, text: "<b>x</b> & y" })).result).toMatchObject({ text: "<b>x</b> & y" });
    expect((await send("<b>x</b>", { parse_mode: "html" })).result).toMatchObject({ text: "x" });
    expect(await send("x", { parse_mode: "HTML5" })).toMatchObject({ ok: false, description: "Bad Request: unsupported parse_mode" });
  });

  it("counts 4,096 characters after the HTML is read, in UTF-16 units, and refuses a text with nothing left", async () => {
    expect((await send("&lt;".repeat(4096))).ok).toBe(true);
    expect(await send("&lt;".repeat(4097))).toMatchObject({ ok: false, description: "Bad Request: message is too long" });
    expect(await send(`${"x".repeat(4095)}😀`)).toMatchObject({ ok: false, description: "Bad Request: message is too long" });
    expect((await send(`  ${"x".repeat(4096)}\n\n`)).ok).toBe(true);
    expect(await send("")).toMatchObject({ ok: false, description: "Bad Request: message text is empty" });
    expect(await send(" \n ")).toMatchObject({ ok: false, description: "Bad Request: text must be non-empty" });
    expect(await send("<b></b>")).toMatchObject({ ok: false, description: "Bad Request: text must be non-empty" });
  });

  it("counts a caption's 1,024 characters the same way", async () => {
    const upload = (caption: string) => call("sendPhoto", { chat_id: CHAT, photo: telegram.storeFile("a.png", "image/png", Buffer.from("png")).fileId, caption, parse_mode: "HTML" });
    expect((await upload(`<b>${"x".repeat(1024)}</b>`)).ok).toBe(true);
    expect(await upload("x".repeat(1025))).toMatchObject({ ok: false, description: "Bad Request: message caption is too long" });
    expect(await upload("<i>x")).toMatchObject({ ok: false, description: 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "i"' });
  });
});

describe("the inline keyboard", () => {
  const keyboard = (button: Record<string, unknown>) => ({ reply_markup: { inline_keyboard: [[button]] } });
  it("takes callback data of 1 to 64 bytes and a button text that is not empty", async () => {
    expect((await send("x", keyboard({ text: "Đồng ý", callback_data: "đ".repeat(32) }))).ok).toBe(true);
    expect(await send("x", keyboard({ text: "Đồng ý", callback_data: "đ".repeat(33) }))).toMatchObject({ ok: false, description: "Bad Request: BUTTON_DATA_INVALID" });
    expect(await send("x", keyboard({ text: "Đồng ý", callback_data: "" }))).toMatchObject({ ok: false, description: "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard" });
    expect(await send("x", keyboard({ text: "", callback_data: "ok" }))).toMatchObject({ ok: false, description: "Bad Request: inline keyboard button text must be non-empty" });
    expect(await send("x", keyboard({ callback_data: "ok" }))).toMatchObject({ ok: false, description: 'Bad Request: can\'t parse inline keyboard button: Can\'t find field "text"' });
    expect(await send("x", { reply_markup: { inline_keyboard: [{ text: "a", callback_data: "b" }] } })).toMatchObject({ ok: false, description: 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays' });
  });

  it("opens a Web App button only in a private chat, as Telegram does; a group gets a login button instead", async () => {
    const webApp = keyboard({ text: "Bảng điều khiển", web_app: { url: "https://dondoc.example/app" } });
    expect((await send("x", webApp)).ok).toBe(true);
    expect(await call("sendMessage", { chat_id: -1001000000001, text: "x", ...webApp })).toMatchObject({ ok: false, description: "Bad Request: BUTTON_TYPE_INVALID" });
    expect((await call("sendMessage", { chat_id: -1001000000001, text: "x", ...keyboard({ text: "Bảng điều khiển", login_url: { url: "https://dondoc.example/app" } }) })).ok).toBe(true);
  });
});

describe("edits and callback answers", () => {
  it("refuses an edit that changes nothing, as Telegram does", async () => {
    const sent = (await send("<b>Câu hỏi</b>", { reply_markup: { inline_keyboard: [[{ text: "1", callback_data: "a" }]] } })).result!;
    const edit = (text: string, markup?: unknown) => call("editMessageText", { chat_id: CHAT, message_id: sent.message_id, text, parse_mode: "HTML", ...(markup ? { reply_markup: markup } : {}) });
    expect(await edit("<b>Câu hỏi</b>", { inline_keyboard: [[{ text: "1", callback_data: "a" }]] })).toMatchObject({ ok: false, description: expect.stringMatching(/^Bad Request: message is not modified/) });
    expect((await edit("<b>Câu hỏi</b>")).ok).toBe(true);
    expect((await edit("<i>Câu hỏi</i>")).ok).toBe(true);
    expect(await call("editMessageReplyMarkup", { chat_id: CHAT, message_id: sent.message_id })).toMatchObject({ ok: false, description: expect.stringMatching(/^Bad Request: message is not modified/) });
  });

  it("lets the bot answer a callback query Telegram issued, once", async () => {
    const sent = (await send("x", { reply_markup: { inline_keyboard: [[{ text: "1", callback_data: "a" }]] } })).result!;
    expect(telegram.pressButton({ id: CHAT, first_name: "Hoa" }, CHAT, Number(sent.message_id), "a")).toBe(true);
    const [update] = await (await fetch(`${telegram.url}/bot${TOKEN}/getUpdates`)).json().then((body: { result: { callback_query: { id: string } }[] }) => body.result);
    expect((await call("answerCallbackQuery", { callback_query_id: update!.callback_query.id, text: "Đã ghi" })).ok).toBe(true);
    expect(await call("answerCallbackQuery", { callback_query_id: update!.callback_query.id })).toMatchObject({ ok: false, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    expect(await call("answerCallbackQuery", { callback_query_id: "forged" })).toMatchObject({ ok: false });
    telegram.issueCallbackQuery("42", CHAT);
    expect((await call("answerCallbackQuery", { callback_query_id: "42", text: "x".repeat(200) })).ok).toBe(true);
    expect(telegram.callbackAnswers.map((a) => [a.userId, a.text.length])).toEqual([[CHAT, 6], [CHAT, 200]]);
  });
});
