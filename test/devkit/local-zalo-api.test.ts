import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalZaloApi, type ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";

/**
 * The local Zalo server against Zalo's documentation (bot.zaloplatforms.com/docs), endpoint by
 * endpoint: what the documentation shows is answered as it shows it; every other method,
 * parameter, type and shape is refused.
 */
const hoa: ZaloUser = { id: "6ede9afa66b88fe6d6a9", display_name: "Hoa" };
let zalo: LocalZaloApi;

beforeEach(async () => {
  zalo = new LocalZaloApi();
  await zalo.start();
  zalo.addUser(hoa);
});
afterEach(() => zalo.stop());

const call = async (method: string, body?: unknown, init: RequestInit = {}) => {
  const response = await fetch(`${zalo.url}/bot${zalo.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...init,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("calling the API", () => {
  it("answers getMe as the documentation's sample, by POST or GET", async () => {
    const me = { ok: true, result: { id: expect.any(String), account_name: expect.any(String), account_type: "BASIC", can_join_groups: false } };
    expect((await call("getMe", {})).body).toEqual(me);
    expect(await (await fetch(`${zalo.url}/bot${zalo.token}/getMe`)).json()).toEqual(me);
  });

  it("takes parameters by JSON, form or query string, as 'Cách truyền tham số' lists", async () => {
    expect((await call("sendMessage", { chat_id: hoa.id, text: "json" })).body).toMatchObject({ ok: true, result: { message_id: expect.stringMatching(/^[0-9a-f]{20}$/), date: expect.any(Number) } });
    const form = await fetch(`${zalo.url}/bot${zalo.token}/sendMessage`, { method: "POST", body: new URLSearchParams({ chat_id: hoa.id, text: "form" }) });
    expect(await form.json()).toMatchObject({ ok: true });
    const query = await fetch(`${zalo.url}/bot${zalo.token}/sendMessage?${new URLSearchParams({ chat_id: hoa.id, text: "query" })}`);
    expect(await query.json()).toMatchObject({ ok: true });
    expect(zalo.textsTo(hoa.id)).toEqual(["json", "form", "query"]);
  });

  it("refuses a wrong token with 401 and a method it does not have with 400 (method names are case-sensitive)", async () => {
    const wrongToken = await fetch(`${zalo.url}/bot1:wrong/getMe`, { method: "POST", body: "{}" });
    expect(wrongToken.status).toBe(401);
    expect((await call("sendmessage", { chat_id: hoa.id, text: "x" })).status).toBe(400);
    expect((await call("editMessageText", { chat_id: hoa.id, text: "x" })).body).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: API name editMessageText does not exist" });
    expect((await call("sendDocument", { chat_id: hoa.id })).status).toBe(400);
    const notJson = await fetch(`${zalo.url}/bot${zalo.token}/getMe`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(await notJson.json()).toEqual({ ok: false, error_code: 400, description: "Bad Request: the body is not a JSON object" });
    expect((await call("getMe", ["an", "array"])).status).toBe(400);
  });

  it("refuses every parameter Zalo does not have, and every value that is not a String", async () => {
    const refused = [
      ["sendMessage", { chat_id: hoa.id, text: "<b>x</b>", parse_mode: "HTML" }, "Bad Request: parse_mode is not a parameter of sendMessage"],
      ["sendMessage", { chat_id: hoa.id, text: "x", reply_markup: { inline_keyboard: [] } }, "Bad Request: reply_markup is not a parameter of sendMessage"],
      ["sendMessage", { chat_id: hoa.id, text: "x", reply_to_message_id: "m1" }, "Bad Request: reply_to_message_id is not a parameter of sendMessage"],
      ["sendMessage", { chat_id: 4503599627370497, text: "x" }, "Bad Request: chat_id must be a String"],
      ["sendMessage", { chat_id: hoa.id, text: 5 }, "Bad Request: text must be a String"],
      ["sendMessage", { chat_id: hoa.id }, "Bad Request: text is required"],
      ["getUpdates", { timeout: 30 }, "Bad Request: timeout must be a String"],
      ["getUpdates", { offset: "3" }, "Bad Request: offset is not a parameter of getUpdates"],
      ["getMe", { chat_id: hoa.id }, "Bad Request: chat_id is not a parameter of getMe"],
      ["sendPhoto", { chat_id: hoa.id, photo: "https://example.org/a.png", parse_mode: "HTML" }, "Bad Request: parse_mode is not a parameter of sendPhoto"],
    ] as const;
    for (const [method, body, description] of refused) expect((await call(method, body)).body, `${method} ${JSON.stringify(body)}`).toEqual({ ok: false, error_code: 400, description });
    expect(zalo.sent).toEqual([]);
    expect(zalo.refusals.map((refusal) => refusal.description)).toEqual(refused.map(([, , description]) => description));
  });
});

describe("sending", () => {
  it("takes text of 1 to 2,000 characters, counting an emoji as two, and refuses blank text", async () => {
    expect((await call("sendMessage", { chat_id: hoa.id, text: "x".repeat(2000) })).body).toMatchObject({ ok: true });
    expect((await call("sendMessage", { chat_id: hoa.id, text: "x".repeat(2001) })).body).toMatchObject({ ok: false, error_code: 400, description: "Bad Request: text must be 1 to 2000 characters" });
    expect((await call("sendMessage", { chat_id: hoa.id, text: `${"x".repeat(1999)}😀` })).status).toBe(400);
    expect((await call("sendMessage", { chat_id: hoa.id, text: "" })).status).toBe(400);
    expect((await call("sendMessage", { chat_id: hoa.id, text: " \n " })).status).toBe(400);
    expect(zalo.sent).toHaveLength(1);
  });

  it("sends a photo by its address with an optional caption, a sticker, and only the 'typing' action", async () => {
    expect((await call("sendPhoto", { chat_id: hoa.id, photo: "https://placehold.co/600x400", caption: "Biểu đồ" })).body).toMatchObject({ ok: true, result: { message_id: expect.any(String) } });
    expect((await call("sendPhoto", { chat_id: hoa.id, photo: "chart.png" })).status).toBe(400);
    expect((await call("sendPhoto", { chat_id: hoa.id, photo: "https://placehold.co/1", caption: "x".repeat(2001) })).status).toBe(400);
    expect((await call("sendSticker", { chat_id: hoa.id, sticker: "0e078a2fb66a5f34067b" })).body).toMatchObject({ ok: true });
    // The documentation's sample answer of sendChatAction has no result.
    expect((await call("sendChatAction", { chat_id: hoa.id, action: "typing" })).body).toEqual({ ok: true });
    expect((await call("sendChatAction", { chat_id: hoa.id, action: "upload_photo" })).status).toBe(400);
    expect(zalo.thread(hoa.id).map(({ photo, caption, sticker }) => ({ photo, caption, sticker }))).toEqual([
      { photo: "https://placehold.co/600x400", caption: "Biểu đồ", sticker: undefined },
      { photo: undefined, caption: undefined, sticker: "0e078a2fb66a5f34067b" },
    ]);
  });

  it("refuses a person it does not know, and one who blocked the bot, without Zalo's 403 (which is its internal error)", async () => {
    expect((await call("sendMessage", { chat_id: "0123456789abcdef0123", text: "x" })).body).toEqual({ ok: false, error_code: 400, description: "Bad Request: user not found" });
    zalo.block(hoa.id);
    expect((await call("sendMessage", { chat_id: hoa.id, text: "x" })).body).toEqual({ ok: false, error_code: 400, description: "Bad Request: the user has blocked the bot" });
  });

  it("notes text a Zalo reader would see with Telegram's markup in it", async () => {
    await call("sendMessage", { chat_id: hoa.id, text: "Hạn: <b>30/11</b>" });
    await call("sendMessage", { chat_id: hoa.id, text: "Sở Nội vụ &amp; Sở Tài chính" });
    await call("sendMessage", { chat_id: hoa.id, text: "5 < 7 & 8 > 3" });
    expect(zalo.literalMarkup.map((m) => m.text)).toEqual(["Hạn: <b>30/11</b>", "Sở Nội vụ &amp; Sở Tài chính"]);
  });
});

describe("receiving by getUpdates", () => {
  it("gives one update per answer, shaped like the webhook's result, and 408 when none comes", async () => {
    zalo.sendText(hoa, "Xin chào");
    zalo.sendText(hoa, "1");
    const first = (await call("getUpdates", { timeout: "0" })).body;
    expect(first).toEqual({
      ok: true,
      result: {
        event_name: "message.text.received",
        message: { from: { id: hoa.id, display_name: "Hoa", is_bot: false }, chat: { id: hoa.id, chat_type: "PRIVATE" }, text: "Xin chào", message_id: expect.stringMatching(/^[0-9a-f]{20}$/), date: expect.any(Number) },
      },
    });
    // The date is in milliseconds.
    expect((first.result as { message: { date: number } }).message.date).toBeGreaterThan(1e12);
    expect((await call("getUpdates", { timeout: "0" })).body).toMatchObject({ result: { message: { text: "1" } } });
    expect(await call("getUpdates", { timeout: "0" })).toEqual({ status: 408, body: { ok: false, error_code: 408, description: "Request timeout" } });
  });

  it("passes on photos, stickers and what Zalo does not support under their documented event names", async () => {
    zalo.sendPhoto(hoa, "https://img.example/a.jpg", "Ảnh minh chứng");
    zalo.sendSticker(hoa);
    zalo.sendUnsupported(hoa);
    const events = [];
    for (let i = 0; i < 3; i++) events.push(((await call("getUpdates", { timeout: "0" })).body.result as { event_name: string; message: Record<string, unknown> }));
    expect(events.map((e) => e.event_name)).toEqual(["message.image.received", "message.sticker.received", "message.unsupported.received"]);
    expect(events[0]!.message).toMatchObject({ photo: "https://img.example/a.jpg", caption: "Ảnh minh chứng" });
    expect(events[1]!.message).toMatchObject({ sticker: expect.any(String), url: expect.stringMatching(/^https:/) });
    expect(Object.keys(events[2]!.message).sort()).toEqual(["chat", "date", "from", "message_id"]);
  });

  it("waits for an update, and a poll the bot gave up on takes none", async () => {
    const abandoned = new AbortController();
    const gone = fetch(`${zalo.url}/bot${zalo.token}/getUpdates`, { method: "POST", body: JSON.stringify({ timeout: "30" }), headers: { "content-type": "application/json" }, signal: abandoned.signal }).catch(() => null);
    await expect.poll(() => zalo.calls.filter((c) => c.method === "getUpdates").length).toBe(1);
    abandoned.abort();
    await gone;
    const waiting = call("getUpdates", { timeout: "30" });
    await expect.poll(() => zalo.calls.filter((c) => c.method === "getUpdates").length).toBe(2);
    zalo.sendText(hoa, "còn đây");
    expect((await waiting).body).toMatchObject({ ok: true, result: { message: { text: "còn đây" } } });
  });
});

describe("receiving by webhook", () => {
  let received: { headers: IncomingMessage["headers"]; body: unknown }[];
  let hook: ReturnType<typeof createServer>;
  let hookUrl: string;
  beforeEach(async () => {
    received = [];
    hook = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        response.end(JSON.stringify({ message: "Success" }));
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/zalo`;
  });
  afterEach(() => new Promise<void>((resolve) => hook.close(() => resolve())));

  it("checks setWebhook's url and secret_token, and reports the webhook in getWebhookInfo", async () => {
    expect((await call("setWebhook", { url: hookUrl, secret_token: "short" })).body).toMatchObject({ ok: false, description: "Bad Request: secret_token must be 8 to 256 characters" });
    expect((await call("setWebhook", { url: hookUrl, secret_token: "x".repeat(257) })).status).toBe(400);
    expect((await call("setWebhook", { url: hookUrl, secret_token: "bí mật của ban" })).status).toBe(400);
    expect((await call("setWebhook", { url: "http://bot.example.org/zalo", secret_token: "mykey-abcxyz" })).body).toMatchObject({ ok: false, description: "Bad Request: url must be an HTTPS address" });
    expect((await call("setWebhook", { url: hookUrl })).body).toMatchObject({ ok: false, description: "Bad Request: secret_token is required" });
    expect((await call("getWebhookInfo", {})).body).toEqual({ ok: true, result: { url: "", updated_at: 0 } });
    const set = (await call("setWebhook", { url: hookUrl, secret_token: "mykey-abcxyz" })).body;
    expect(set).toEqual({ ok: true, result: { url: hookUrl, updated_at: expect.any(Number) } });
    expect((await call("setWebhook", { url: "https://bot.example.org/zalo", secret_token: "mykey-abcxyz" })).body).toMatchObject({ ok: true });
    expect((await call("getWebhookInfo", {})).body).toMatchObject({ ok: true, result: { url: "https://bot.example.org/zalo" } });
    expect((await call("deleteWebhook", {})).body).toEqual({ ok: true, result: { url: "", updated_at: expect.any(Number) } });
  });

  it("posts each update as the Webhook page shows it, with the secret, and refuses getUpdates meanwhile", async () => {
    await call("setWebhook", { url: hookUrl, secret_token: "mykey-abcxyz" });
    zalo.sendText(hoa, "Xin chào");
    await zalo.webhookSettled();
    expect(received).toHaveLength(1);
    expect(received[0]!.headers["x-bot-api-secret-token"]).toBe("mykey-abcxyz");
    expect(received[0]!.body).toEqual({ ok: true, result: { event_name: "message.text.received", message: expect.objectContaining({ text: "Xin chào", chat: { id: hoa.id, chat_type: "PRIVATE" } }) } });
    expect(zalo.webhookDeliveries.map((d) => d.status)).toEqual([200]);
    expect((await call("getUpdates", { timeout: "0" })).status).toBe(409);
    await call("deleteWebhook", {});
    zalo.sendText(hoa, "qua getUpdates");
    expect((await call("getUpdates", { timeout: "0" })).body).toMatchObject({ ok: true, result: { message: { text: "qua getUpdates" } } });
  });

  it("can post the update flat, as integrators report Zalo's servers do", async () => {
    await zalo.stop();
    zalo = new LocalZaloApi(undefined, { webhookEnvelope: "flat" });
    await zalo.start();
    zalo.addUser(hoa);
    await call("setWebhook", { url: hookUrl, secret_token: "mykey-abcxyz" });
    zalo.sendText(hoa, "phẳng");
    await zalo.webhookSettled();
    expect(received[0]!.body).toMatchObject({ event_name: "message.text.received", message: { text: "phẳng" } });
  });
});
