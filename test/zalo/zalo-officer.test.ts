import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { Api } from "grammy";
import { EvidenceFileModel } from "../../models/evidence-file.ts";
import { MemberModel } from "../../models/member.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { LocalZaloApi, type ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { flushGroupNotices } from "../../src/services/group-notices.ts";
import { createInvite } from "../../src/services/invites.ts";
import { isZaloChatId, zaloFileUrl } from "../../src/chat-networks.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { zaloTransformer } from "../../src/zalo/zalo-transformer.ts";
import { SECRETARIAT_GROUP, TestUser, textsOf, TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";

/**
 * A focal officer who only has Zalo: joins with the code, receives the push, reports through
 * numbered choices, and the secretariat sees it in its Telegram group — the same dialogues as on
 * Telegram, through a local Zalo Bot API server as strict as Zalo's documentation.
 */
useTestDatabase();
const MARCH_1 = new Date("2018-03-01T01:00:00Z");
const lan: ZaloUser = { id: "e4ea2cd5189df1c3a88c", display_name: "Lan Zalo" };
let z: ZaloHarness;
let harness: Harness;
let zalo: LocalZaloApi;

beforeEach(async () => {
  z = await startZaloHarness(MARCH_1, [lan]);
  ({ harness, zalo } = z);
  await loadLaiChau();
});
afterEach(() => z.stop());

/** Lan writes on Zalo; the bot's answers to her since then. */
const say = (text: string) => z.say(lan, text);
const deliverOutbox = () => z.deliverOutbox();

async function joinAsFocal(agencyCode: string): Promise<number> {
  const invite = await createInvite({ role: "focal", agencyCode, ttlHours: 72, now: MARCH_1 }, { via: "cli" });
  const welcome = await say(invite.code);
  expect(welcome.join()).toContain("Lan Zalo");
  const member = await MemberModel.findOne({ displayName: "Lan Zalo" }).lean();
  expect(isZaloChatId(member!.telegramId)).toBe(true);
  return member!.telegramId;
}


describe("a focal officer on Zalo", () => {
  it("joins with a code, gets the push as plain numbered text, and reports through numbers with bad answers on the way", async () => {
    const chatId = await joinAsFocal("UBND");
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    await deliverOutbox();
    const push = zalo.textsTo(lan.id).at(-1)!;
    expect(push).toContain("Nhiệm vụ tháng 3/2018");
    expect(push).toContain('Trả lời bằng số thứ tự nhiệm vụ để báo cáo tiến độ (ví dụ: 3); đã xong thì trả lời "3 xong".');
    expect(push).not.toContain("Bấm nút");
    expect(push).not.toMatch(/<\/?b>|&amp;|&lt;/);
    for (const text of zalo.textsTo(lan.id)) expect(text.length).toBeLessThanOrEqual(2000);
    expect(zalo.calls.every((call) => !("reply_markup" in call.params) && !("parse_mode" in call.params))).toBe(true);

    const status = (await say("3")).join("\n");
    expect(status).toContain("Tình trạng thực hiện?");
    expect(status).toMatch(/1\. Chưa triển khai\n2\. Đang thực hiện/);
    expect((await say("làm rồi")).join()).toContain("Vui lòng trả lời bằng số của một lựa chọn");
    const percent = (await say("2")).join("\n");
    expect(percent).toContain("bao nhiêu phần trăm");
    expect(percent).toContain("• 25%");
    expect((await say("150")).join()).toContain("Phần trăm phải từ 0 đến 100");
    expect((await say("60")).join()).toContain("Ghi chú thêm");
    expect((await say("Đã trình dự thảo <b>quyết định</b>")).join()).toContain("minh chứng");
    const sendPhoto = async (url: string) => (await z.sendPhoto(lan, url)).join("\n");
    expect(await sendPhoto(`${zalo.url}/photos/gone.jpg`)).toContain("Không tải được ảnh này");
    const photo = Buffer.from("a photo of the council's meeting");
    const photoUrl = zalo.storePhoto(photo);
    const summary = await sendPhoto(photoUrl);
    expect(summary).toMatch(/1\. .*Xác nhận/);
    expect(summary).toContain("Đã trình dự thảo <b>quyết định</b>");
    expect((await say("1")).join()).toContain("Đã ghi nhận báo cáo (lần 1)");

    const saved = await ProgressReportModel.findOne({ agency: await agencyId("UBND"), period: "2018-03" }).lean();
    expect(saved).toMatchObject({ status: "in-progress", percent: 60, note: "Đã trình dự thảo <b>quyết định</b>", version: 1 });
    expect(saved!.versions[0]!.reportedByTelegramId).toBe(chatId);
    expect(saved!.attachments).toHaveLength(1);
    expect(zaloFileUrl(saved!.attachments[0]!.fileId)).toBe(photoUrl);
    // Zalo's address may stop working: the bytes are kept with the report.
    const kept = await EvidenceFileModel.findById(saved!.attachments[0]!.storedFile).lean();
    expect(Buffer.from(kept!.bytes.buffer ?? kept!.bytes).equals(photo)).toBe(true);

    // The confirmation's "1" is gone with its dialogue: "1" now names the push's task 1, and a
    // number no question offers is refused. Nothing more is saved.
    expect((await say("1")).join()).toContain("Tình trạng thực hiện?");
    expect((await say("9")).join()).toContain("Vui lòng trả lời bằng số của một lựa chọn");
    expect((await say("/huy")).join()).toContain("Đã hủy");
    expect((await ProgressReportModel.findOne({ _id: saved!._id }).lean())!.versions).toHaveLength(1);

    // The secretariat's Telegram group hears of it like any other report.
    expect(await flushGroupNotices(harness.deps.config, harness.clock.now())).toBe(1);
    const notice = await OutboxMessageModel.findOne({ chatId: SECRETARIAT_GROUP, purpose: "group-notices" }).lean();
    expect(String((notice!.payload as { text: string }).text)).toMatch(/Ủy ban nhân dân tỉnh Lai Châu — <b>Đang thực hiện<\/b> 60% \(lần 1\): \[\d+\] /);
  });

  it("reports a task done with one reply to the push: '2 xong'", async () => {
    await joinAsFocal("UBND");
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    await deliverOutbox();
    const asked = (await say("2 xong")).join("\n");
    expect(asked).not.toContain("Tình trạng thực hiện?");
    expect(asked).toContain("Ghi chú thêm");
    await say("bỏ qua");
    await say("bỏ qua");
    expect((await say("xác nhận")).join()).toContain("Đã ghi nhận báo cáo (lần 1)");
    const saved = await ProgressReportModel.find({ agency: await agencyId("UBND"), period: "2018-03" }).lean();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ status: "done", percent: 100 });
  });

  it("switches to English, and a push to an officer who blocked the bot marks them unreachable", async () => {
    const chatId = await joinAsFocal("UBND");
    expect((await say("/ngonngu")).join("\n")).toMatch(/1\. .*\n2\. /);
    expect((await say("2")).join()).toMatch(/English/);
    expect((await say("/baocao")).join("\n")).toMatch(/Which month is this report for\?\s+1\. 2\/2018/);
    await say("/cancel");

    zalo.block(lan.id);
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    await deliverOutbox();
    expect(await MemberModel.findOne({ telegramId: chatId }).lean()).toMatchObject({ status: "unreachable" });
    expect(await OutboxMessageModel.countDocuments({ chatId, state: "failed" })).toBeGreaterThan(0);
  });

  it("loses nothing and sends nothing twice when Zalo fails in the middle of a push", async () => {
    const chatId = await joinAsFocal("UBND");
    const minh: ZaloUser = { id: "0f0e0d0c0b0a09080706", display_name: "Minh Zalo" };
    zalo.addUser(minh);
    const invite = await createInvite({ role: "focal", agencyCode: "SNV", ttlHours: 72, now: MARCH_1 }, { via: "cli" });
    await z.say(minh, invite.code);
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    zalo.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    await deliverOutbox();
    // The failed send waits for its retry; the next drain, a little later, sends it.
    harness.clock.set(new Date(MARCH_1.getTime() + 10 * 60_000));
    await deliverOutbox();
    const pushes = (id: string) => zalo.textsTo(id).filter((text) => text.includes("Nhiệm vụ tháng 3/2018"));
    expect(pushes(lan.id)).toHaveLength(1);
    expect(pushes(minh.id)).toHaveLength(1);
    expect(await OutboxMessageModel.countDocuments({ chatId, state: "sent" })).toBe(1);
  });

  it("loses nothing when the process dies with Zalo messages claimed and not yet sent", async () => {
    const chatId = await joinAsFocal("UBND");
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    // What a kill -9 right after the claim leaves behind: the message marked as being sent.
    await OutboxMessageModel.updateMany({ chatId }, { $set: { state: "sending", claimedAt: MARCH_1 }, $inc: { attempts: 1 } });
    // The instance that takes over puts back what the dead one held, then sends it once.
    const api = new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot });
    api.config.use(zaloTransformer(z.client, { defaultLocale: "vi" }));
    const successor = new OutboxSender({ api, clock: harness.clock });
    expect(await successor.recoverStale(0)).toBeGreaterThan(0);
    await successor.drain();
    expect(zalo.textsTo(lan.id).filter((text) => text.includes("Nhiệm vụ tháng 3/2018"))).toHaveLength(1);
    expect(await OutboxMessageModel.countDocuments({ chatId, state: { $ne: "sent" } })).toBe(0);
  });

  it("links a Telegram officer's Zalo, writes where they chose, and either chat reaches the same member", async () => {
    await addMember(4001, "Lan", "focal", "UBND");
    const telegram = new TestUser(harness, 4001, "Lan");
    const code = /<code>([A-Z0-9]{8})<\/code>/.exec(textsOf(await telegram.say("/lienket")).join())![1]!;
    expect((await say("/lienket SAIMA123")).join()).toContain("không đúng hoặc đã hết hạn");
    expect((await say(`/lienket ${code.toLowerCase()}`)).join()).toContain("Từ nay dondoc gửi tin cho bạn qua Zalo");
    expect(await MemberModel.countDocuments()).toBe(1);

    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    await deliverOutbox();
    expect(zalo.textsTo(lan.id).at(-1)).toContain("Nhiệm vụ tháng 3/2018");
    expect(harness.telegram.callsOf("sendMessage").filter((call) => Number(call.params.chat_id) === 4001 && String(call.params.text).includes("Nhiệm vụ tháng"))).toHaveLength(0);
    expect((await say("3")).join()).toContain("Tình trạng thực hiện?");
    await say("/huy");

    // Back to Telegram: the next push goes there.
    expect(textsOf(await telegram.say("/nhantinday")).join()).toContain("ở đây");
    const april = new Date("2018-04-02T01:00:00Z");
    harness.clock.set(april);
    await runJob("monthly-push", jobContext(harness.deps.config, april), harness.deps.config.schedules);
    await deliverOutbox();
    expect(harness.telegram.callsOf("sendMessage").some((call) => Number(call.params.chat_id) === 4001 && String(call.params.text).includes("Nhiệm vụ tháng 4/2018"))).toBe(true);
    expect(zalo.textsTo(lan.id).some((text) => text.includes("Nhiệm vụ tháng 4/2018"))).toBe(false);
  });

  it("reports one task after another from one push, and a reminder arriving mid-question changes nothing there", async () => {
    await joinAsFocal("UBND");
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    await deliverOutbox();
    expect((await say("3 xong")).join()).toContain("Ghi chú thêm");
    await say("bỏ qua");
    await say("bỏ qua");
    expect((await say("1")).join()).toContain("Đã ghi nhận báo cáo (lần 1)");

    // The push's numbers still name its tasks once a report is done: the officer goes on, the
    // morning the reminders go out, ten minutes before they do.
    const reminderDay = new Date("2018-03-12T01:30:00Z");
    harness.clock.set(new Date(reminderDay.getTime() - 10 * 60_000));
    expect((await say("5")).join()).toContain("Tình trạng thực hiện?");
    expect((await say("2")).join()).toContain("bao nhiêu phần trăm");
    harness.clock.set(reminderDay);
    await runJob("reminders", jobContext(harness.deps.config, reminderDay), harness.deps.config.schedules);
    await deliverOutbox();
    expect(zalo.textsTo(lan.id).at(-1)).toContain("Trả lời bằng số thứ tự");
    // Still at the percent question: "3" is 3 %, not task 3 of the reminder.
    expect((await say("3")).join()).toContain("Ghi chú thêm");
    await say("bỏ qua");
    await say("bỏ qua");
    await say("1");
    const reports = await ProgressReportModel.find({ agency: await agencyId("UBND"), period: "2018-03" }).sort({ reportedAt: 1 }).lean();
    expect(reports.map((r) => [r.status, r.percent])).toEqual([
      ["done", 100],
      ["in-progress", 3],
    ]);
  });

  it("writes on Telegram again when an officer with both blocks the bot on Zalo, and marks unreachable only when both refuse", async () => {
    await addMember(4001, "Lan", "focal", "UBND");
    const telegram = new TestUser(harness, 4001, "Lan");
    const code = /<code>([A-Z0-9]{8})<\/code>/.exec(textsOf(await telegram.say("/lienket")).join())![1]!;
    await say(`/lienket ${code}`);
    zalo.block(lan.id);
    await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
    await deliverOutbox();
    expect(await MemberModel.findOne({ telegramId: 4001 }).lean()).toMatchObject({ status: "active", writeToLinked: false });
    const reminderDay = new Date("2018-03-12T01:30:00Z");
    harness.clock.set(reminderDay);
    await runJob("reminders", jobContext(harness.deps.config, reminderDay), harness.deps.config.schedules);
    await deliverOutbox();
    expect(harness.telegram.callsOf("sendMessage").some((call) => Number(call.params.chat_id) === 4001)).toBe(true);

    // Telegram refuses too: now the officer is out of reach, and the secretariat will hear of it.
    harness.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, 4001);
    const lastDay = new Date("2018-03-20T01:30:00Z");
    harness.clock.set(lastDay);
    await runJob("reminders", jobContext(harness.deps.config, lastDay), harness.deps.config.schedules);
    await deliverOutbox();
    expect(await MemberModel.findOne({ telegramId: 4001 }).lean()).toMatchObject({ status: "unreachable" });
  });
});
