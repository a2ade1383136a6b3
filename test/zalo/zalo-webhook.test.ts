import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import { runUpdatesWith } from "../../src/intake/bot-updates.ts";
import { UpdateIntake } from "../../src/intake/update-intake.ts";
import { telegramWebhookRoute, webhookServer } from "../../src/webhook-server.ts";
import { readZaloWebhookBody, zaloWebhookRoute } from "../../src/zalo/zalo-webhook.ts";
import { TELL_AGAIN_AFTER_MS } from "../../src/chat/once-per-period.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Zalo's webhook beside Telegram's, on one server: only requests with Zalo's secret are handled,
 * and only bodies shaped as Zalo's documentation shows an update (the update itself, not wrapped).
 */
useTestDatabase();
const ZALO_SECRET = "zalo-webhook-secret";
const hoa: ZaloUser = { id: "99aa88bb77cc66dd55ee", display_name: "Hoa" };
let z: ZaloHarness;
let server: ReturnType<typeof webhookServer>;
let url: string;
let lines: string[];

beforeEach(async () => {
  z = await startZaloHarness(new Date("2018-03-01T01:00:00Z"), [hoa]);
  lines = [];
  const log = (line: string) => void lines.push(line);
  const intake = new UpdateIntake({ instance: "test", clock: z.harness.clock, handle: (item) => runUpdatesWith(z.harness.bot)(item), log });
  server = webhookServer(intake, [telegramWebhookRoute("/tg", "telegram-secret-telegram"), zaloWebhookRoute("/zalo", ZALO_SECRET)], log);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`;
});
afterEach(async () => {
  server.close();
  await z.stop();
});

const update = (messageId: string, text: string) => ({
  event_name: "message.text.received",
  message: { message_id: messageId, date: Date.now(), text, from: { id: hoa.id, display_name: "Hoa" }, chat: { id: hoa.id, chat_type: "PRIVATE" } },
});
const post = (headers: Record<string, string>, body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
const withSecret = { "X-Bot-Api-Secret-Token": ZALO_SECRET };

describe("Zalo's webhook", () => {
  it("receives Zalo's updates with the secret, refuses others, and stops getUpdates", async () => {
    expect(await z.client.call("setWebhook", { url, secret_token: ZALO_SECRET })).toMatchObject({ ok: true });
    // The local Zalo server posts a person's message to the webhook, as Zalo does.
    z.zalo.sendText(hoa, "/start");
    await expect.poll(() => z.zalo.textsTo(hoa.id).join(), { timeout: 30_000, interval: 20 }).toContain("hãy xin Ban Thi đua – Khen thưởng một mã mời rồi gửi mã đó vào đây");
    const body = JSON.stringify(update("m1", "/start"));
    expect((await post({}, body)).status).toBe(401);
    expect((await post({ "X-Bot-Api-Secret-Token": "wrong-secret-value" }, body)).status).toBe(401);
    expect((await post(withSecret, "not json")).status).toBe(400);
    const answered = z.zalo.sentTo(hoa.id).length;
    // The welcome to a stranger comes once in a while: the next one after that while.
    await z.harness.clock.sleep(TELL_AGAIN_AFTER_MS.welcome);
    expect((await post(withSecret, body)).status).toBe(200);
    await expect.poll(() => z.zalo.sentTo(hoa.id).length).toBe(answered + 1);
    // The same update delivered again is handled once.
    expect((await post(withSecret, body)).status).toBe(200);
    expect(lines).toContain("update delivered again");
    expect(z.zalo.sentTo(hoa.id).length).toBe(answered + 1);
    expect(await z.client.call("getUpdates", { timeout: "0" })).toMatchObject({ ok: false, error_code: 409 });
  });

  it("refuses with 400 and a log line a body that is no Zalo update, and records nothing", async () => {
    const telegramShaped = { update_id: 5, message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "/start" } };
    const bodies: [unknown, RegExp][] = [
      [{ hello: "world" }, /no Zalo message event/],
      [telegramShaped, /a Telegram update/],
      [{ ok: true, result: telegramShaped }, /a Telegram update/],
      [{ ok: false, result: update("m2", "/start") }, /\{ ok, result \} body whose result is no Zalo update/],
      [[update("m3", "/start")], /not a JSON object/],
      [{ event_name: "message.text.received" }, /without a message$/],
      [{ event_name: "message.text.received", message: { text: "hi", from: { id: hoa.id } } }, /without a message_id and a sender/],
      [{ event_name: "user.follow", message: update("m4", "hi").message }, /no Zalo message event/],
    ];
    for (const [body, reason] of bodies) {
      expect((await post(withSecret, JSON.stringify(body))).status, JSON.stringify(body)).toBe(400);
      expect(lines.at(-1), JSON.stringify(body)).toMatch(reason);
    }
    expect(await ChatQueueModel.countDocuments()).toBe(0);
    expect(z.zalo.sentTo(hoa.id)).toHaveLength(0);
  });

  it("reads every message event of the documentation, a photo and a sticker among them, flat or wrapped as the Webhook page shows it", () => {
    for (const event of ["message.text.received", "message.image.received", "message.sticker.received", "message.unsupported.received"]) {
      expect(readZaloWebhookBody({ ...update("m5", "x"), event_name: event })).toHaveProperty("update");
      const wrapped = { ...update("m6", "x"), event_name: event };
      expect(readZaloWebhookBody({ ok: true, result: wrapped })).toEqual({ update: wrapped });
    }
  });
});
