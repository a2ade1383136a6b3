import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { TELL_AGAIN_AFTER_MS } from "../../src/chat/once-per-period.ts";
import { webhookServer } from "../../src/webhook-server.ts";
import { zaloWebhookRoute } from "../../src/zalo/zalo-webhook.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";
import { useTestDatabase } from "../support/test-database.ts";

/** Zalo's webhook beside Telegram's, on one server: only requests with Zalo's secret are handled. */
useTestDatabase();
const ZALO_SECRET = "zalo-webhook-secret";
const hoa: ZaloUser = { id: "99aa88bb77cc66dd55ee", display_name: "Hoa" };
let z: ZaloHarness;
let server: ReturnType<typeof webhookServer>;
let url: string;

beforeEach(async () => {
  z = await startZaloHarness(new Date("2018-03-01T01:00:00Z"), [hoa]);
  const route = zaloWebhookRoute("/zalo", ZALO_SECRET, (update) => z.harness.bot.handleUpdate(update), () => undefined);
  server = webhookServer(z.harness.bot, "telegram-secret-telegram", () => undefined, route);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`;
});
afterEach(async () => {
  server.close();
  await z.stop();
});

describe("Zalo's webhook", () => {
  it("receives Zalo's updates with the secret, refuses others, and stops getUpdates", async () => {
    expect(await z.client.call("setWebhook", { url, secret_token: ZALO_SECRET })).toMatchObject({ ok: true });
    z.zalo.sendText(hoa, "/start");
    await expect.poll(() => z.zalo.textsTo(hoa.id).join(), { timeout: 30_000, interval: 20 }).toContain("hãy xin Ban Thi đua – Khen thưởng một mã mời rồi gửi mã đó vào đây");
    const update = { event_name: "message.text.received", message: { message_id: "m1", date: Date.now(), text: "/start", from: { id: hoa.id, display_name: "Hoa" }, chat: { id: hoa.id, chat_type: "PRIVATE" } } };
    const post = (headers: Record<string, string>, body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post({}, JSON.stringify(update))).status).toBe(401);
    expect((await post({ "X-Bot-Api-Secret-Token": "wrong-secret-value" }, JSON.stringify(update))).status).toBe(401);
    expect((await post({ "X-Bot-Api-Secret-Token": ZALO_SECRET }, "not json")).status).toBe(400);
    const answered = z.zalo.sentTo(hoa.id).length;
    // The welcome to a stranger comes once in a while: the next one after that while.
    await z.harness.clock.sleep(TELL_AGAIN_AFTER_MS.welcome);
    expect((await post({ "X-Bot-Api-Secret-Token": ZALO_SECRET }, JSON.stringify(update))).status).toBe(200);
    expect(z.zalo.sentTo(hoa.id).length).toBe(answered + 1);
    // The same update delivered again is handled once.
    expect((await post({ "X-Bot-Api-Secret-Token": ZALO_SECRET }, JSON.stringify(update))).status).toBe(200);
    expect(z.zalo.sentTo(hoa.id).length).toBe(answered + 1);
    expect(await z.client.call("getUpdates", { timeout: "0" })).toMatchObject({ ok: false, error_code: 409 });
  });
});
