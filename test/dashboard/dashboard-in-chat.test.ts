import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import type { ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { forgetDashboardKeys } from "../../src/services/dashboard-keys.ts";
import { createInvite } from "../../src/services/invites.ts";
import { SECRETARIAT_GROUP, startHarness, TestUser, TOKEN, type Harness } from "../support/bot-harness.ts";
import { DashboardClient, startDashboard, type DashboardServer } from "../support/dashboard-client.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { startZaloHarness } from "../support/zalo-harness.ts";

/**
 * The ways into the dashboard from the chats, message by message: a Web App button under
 * /tinhhinh and the digest in a private chat, a login button in the secretariat's group, a signed
 * link on Zalo and for a desk (/bangtheodoi), each working once.
 */
useTestDatabase();
const MONDAY = new Date("2018-03-12T00:30:00Z");
const BASE = "https://dondoc.example.gov.vn";
const PAGE = `${BASE}/dashboard/`;
let harness: Harness;
let dashboard: DashboardServer;

type Button = { text: string; web_app?: { url: string }; login_url?: { url: string }; url?: string; callback_data?: string };
const keyboardOf = (message: { reply_markup?: unknown }) => ((message.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

beforeEach(async () => {
  forgetDashboardKeys();
  harness = await startHarness(MONDAY, { dashboard: { publicBaseUrl: BASE, linkHours: 24 } });
  dashboard = await startDashboard({ botToken: TOKEN, timeZone: "Asia/Ho_Chi_Minh", clock: harness.clock, telegramApiRoot: harness.deps.config.telegramApiRoot });
  await loadLaiChau();
  await addMember(7001, "Thư ký", "secretariat");
  await addMember(7002, "Lãnh đạo", "leader");
  await addMember(7004, "Không vai trò", "focal");
});
afterEach(async () => {
  await dashboard.stop();
  await harness.stop();
});

describe("the dashboard's button", () => {
  it("is a Web App button under /tinhhinh in a private chat and a login button in the group", async () => {
    const secretary = new TestUser(harness, 7001, "Thư ký");
    await secretary.say("/tinhhinh");
    const [status] = harness.telegram.messagesOf(7001);
    expect(harness.telegram.messagesOf(7001)).toHaveLength(1);
    expect(status!.text).toContain("Tình hình tháng 3/2018");
    expect(keyboardOf(status!)).toEqual([{ text: "📊 Mở bảng theo dõi", web_app: { url: PAGE } }]);

    await secretary.say("/tinhhinh", { chatId: SECRETARIAT_GROUP });
    const inGroup = harness.telegram.messagesOf(SECRETARIAT_GROUP);
    expect(inGroup).toHaveLength(1);
    expect(keyboardOf(inGroup[0]!)).toEqual([{ text: "📊 Mở bảng theo dõi", login_url: { url: PAGE } }]);

    // Before the bot's domain is linked, Telegram refuses the login button: the status still comes, without it.
    harness.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: BOT_DOMAIN_INVALID" }, SECRETARIAT_GROUP);
    await secretary.say("/tinhhinh", { chatId: SECRETARIAT_GROUP });
    const after = harness.telegram.messagesOf(SECRETARIAT_GROUP);
    expect(after).toHaveLength(2);
    expect(after[1]!.text).toContain("Tình hình tháng 3/2018");
    expect(keyboardOf(after[1]!)).toEqual([]);
  }, 60_000);

  it("is not there, and /bangtheodoi says why, without PUBLIC_BASE_URL", async () => {
    harness.deps.config.dashboard = { publicBaseUrl: undefined, linkHours: 24 };
    const secretary = new TestUser(harness, 7001, "Thư ký");
    await secretary.say("/tinhhinh");
    await secretary.say("/bangtheodoi");
    const [status, answer] = harness.telegram.messagesOf(7001);
    expect(keyboardOf(status!)).toEqual([]);
    expect(answer!.text).toContain("Bảng theo dõi chưa được bật");
    expect(harness.telegram.messagesOf(7001)).toHaveLength(2);
  }, 60_000);
});

describe("/bangtheodoi", () => {
  it("gives a Web App button and a signed link that opens the dashboard once", async () => {
    await new TestUser(harness, 7002, "Lãnh đạo").say("/bangtheodoi");
    const messages = harness.telegram.messagesOf(7002);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(/đường dẫn dùng được một lần, đến \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    const [webApp, desk] = keyboardOf(messages[0]!);
    expect(webApp).toEqual({ text: "📊 Mở bảng theo dõi", web_app: { url: PAGE } });
    expect(desk!.url).toMatch(new RegExp(`^${PAGE}#link=`));
    const token = desk!.url!.split("#link=")[1]!;
    const client = new DashboardClient(dashboard.url);
    expect((await client.open("link", token)).body.me).toMatchObject({ name: "Lãnh đạo", role: "leader" });
    expect((await client.json("year/2018")).status).toBe(200);
    expect(await new DashboardClient(dashboard.url).open("link", token)).toMatchObject({ status: 401, body: { reason: "replayed" } });
  }, 60_000);

  it("refuses a person without a role, and gives the group a login button", async () => {
    const stranger = new TestUser(harness, 7099, "Người lạ");
    await stranger.say("/bangtheodoi");
    expect(harness.telegram.messagesOf(7099).map((m) => m.text).join("\n")).not.toContain("#link=");
    const agencyless = new TestUser(harness, 7004, "Không vai trò");
    await agencyless.say("/bangtheodoi");
    expect(harness.telegram.messagesOf(7004).map((m) => m.text)).toEqual(["Bảng theo dõi dành cho lãnh đạo, Ban Thi đua – Khen thưởng và cán bộ đầu mối."]);
    await new TestUser(harness, 7001, "Thư ký").say("/bangtheodoi", { chatId: SECRETARIAT_GROUP });
    const [inGroup] = harness.telegram.messagesOf(SECRETARIAT_GROUP);
    expect(keyboardOf(inGroup!)).toEqual([{ text: "📊 Mở bảng theo dõi", login_url: { url: PAGE } }]);
    expect(inGroup!.text).not.toContain("#link=");
  }, 60_000);
});

describe("the weekly digest", () => {
  it("has the Web App button under its text for a leader on Telegram", async () => {
    await runJob("weekly-digest", jobContext(harness.deps.config, MONDAY), harness.deps.config.schedules);
    const queued = await OutboxMessageModel.find({ purpose: "weekly-digest", chatId: 7002 }).sort({ key: -1 }).lean();
    expect(queued.map((message) => message.method)).toEqual(["sendMessage", "sendPhoto"]);
    await new OutboxSender({ api: new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot }), clock: harness.clock }).drain();
    const [text, chart] = harness.telegram.messagesOf(7002);
    expect(harness.telegram.messagesOf(7002)).toHaveLength(2);
    expect(text!.text).toContain("tháng 3/2018");
    expect(keyboardOf(text!)).toEqual([{ text: "📊 Mở bảng theo dõi", web_app: { url: PAGE } }]);
    expect(chart!.photo).toBeDefined();
  }, 60_000);
});

describe("a leader on Zalo", () => {
  it("reads a signed link under the digest, and /bangtheodoi gives another; each opens once", async () => {
    await harness.stop();
    const leader: ZaloUser = { id: "a1b2c3d4e5f6a7b8c9d0", display_name: "Phó Chủ tịch" };
    const z = await startZaloHarness(MONDAY, [leader]);
    harness = z.harness;
    harness.deps.config.dashboard = { publicBaseUrl: BASE, linkHours: 24 };
    try {
      const invite = await createInvite({ role: "leader", ttlHours: 72, now: MONDAY }, { via: "cli" });
      await z.say(leader, `/start ${invite.code}`);
      await runJob("weekly-digest", jobContext(harness.deps.config, MONDAY), harness.deps.config.schedules);
      await z.deliverOutbox({ publicBaseUrl: BASE });
      // The digest's text comes in parts a Zalo message holds; the link closes the last, before the chart.
      const sent = z.zalo.sentTo(leader.id).slice(1);
      expect(sent.at(-1)!.photo).toBeDefined();
      const link = /Bảng theo dõi \(đường dẫn dùng được một lần, đến [\d/: ]+\): (\S+)$/.exec(sent.at(-2)!.text!)?.[1];
      expect(link).toMatch(new RegExp(`^${PAGE}#link=`));
      const client = new DashboardClient(dashboard.url);
      expect((await client.open("link", link!.split("#link=")[1]!)).body.me).toMatchObject({ role: "leader" });
      expect(await client.open("link", link!.split("#link=")[1]!)).toMatchObject({ status: 401, body: { reason: "replayed" } });

      const [answer, ...more] = await z.say(leader, "/bangtheodoi");
      expect(more).toEqual([]);
      const another = /(https:\/\/\S+#link=\S+)/.exec(answer!)?.[1];
      expect(another).toBeDefined();
      expect(another).not.toBe(link);
      expect((await new DashboardClient(dashboard.url).open("link", another!.split("#link=")[1]!)).status).toBe(200);
    } finally {
      await z.zalo.stop();
    }
  }, 60_000);
});
