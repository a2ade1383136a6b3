import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { flushGroupNotices } from "../../src/services/group-notices.ts";
import { callbackAnswers, startHarness, TestUser, textsOf, type Harness, SECRETARIAT_GROUP } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
let secretary: TestUser;
let snv: TestUser;
let stc: TestUser;

beforeEach(async () => {
  harness = await startHarness(new Date("2018-11-20T02:00:00Z"));
  await loadLaiChau();
  await ensureAwardCatalogue(new Date());
  await addMember(9001, "Thư ký", "secretariat");
  await addMember(9002, "Cán bộ Sở Nội vụ", "focal", "SNV");
  await addMember(9003, "Cán bộ Sở Tài chính", "focal", "STC");
  await addMember(9004, "Cán bộ Tam Đường", "focal", "TAMDUONG");
  secretary = new TestUser(harness, 9001, "Thư ký");
  snv = new TestUser(harness, 9002, "Lan");
  stc = new TestUser(harness, 9003, "Hùng");
});
afterEach(() => harness.stop());

async function openByChat() {
  await secretary.say("/modot");
  await secretary.say("Khen thưởng tổng kết năm 2018");
  await secretary.press("c:kind:nomination");
  await secretary.press("c:pick:CSTD-CO-SO");
  await secretary.press("c:pick:TT-LAO-DONG-XUAT-SAC");
  await secretary.press("c:pick:BK-CHU-TICH-UBND-TINH");
  await secretary.press("c:done");
  expect(textsOf(await secretary.say("31/11/2018")).join()).toContain("Không đọc được ngày");
  expect(textsOf(await secretary.say("01/01/2018")).join()).toContain("Hạn phải sau");
  await secretary.say("30/11/2018");
  await secretary.press("c:aud:blocs");
  await secretary.press("c:pick:KTH");
  const summary = textsOf(await secretary.press("c:done")).join();
  expect(summary).toContain("Khen thưởng tổng kết năm 2018");
  expect(summary).toContain("30/11/2018 17:00");
  return textsOf(await secretary.press("c:ok")).join();
}

describe("a nomination round's whole life", () => {
  it("opens, collects with bad input refused, revises, reminds, closes at the deadline, reopens for one agency", async () => {
    expect(await openByChat()).toMatch(/Đã mở Đợt 1 cho 7 đơn vị; đã xếp hàng 2 tin/);
    const round = (await NominationRoundModel.findOne({ seq: 1 }).lean())!;
    const invitation = await OutboxMessageModel.findOne({ chatId: 9002, purpose: "round-opened" }).lean();
    expect(String((invitation!.payload as { text: string }).text)).toContain("Chiến sĩ thi đua cơ sở");
    const button = `n:${String(round._id)}`;
    // Tam Đường is not in the bloc: no invitation, and its officer's press is refused.
    expect(await OutboxMessageModel.countDocuments({ chatId: 9004 })).toBe(0);
    expect(callbackAnswers(await new TestUser(harness, 9004, "Tam Đường").press(button))).toEqual(["Nút này không còn hiệu lực. Không có gì thay đổi."]);

    // Sở Nội vụ answers: individuals for CSTĐCS, collectives for TTLĐXS, both for the Bằng khen.
    expect(textsOf(await snv.press(button)).join()).toMatch(/Chiến sĩ thi đua cơ sở<\/b> — số cá nhân/);
    expect(textsOf(await snv.say("-2"))).toEqual(["Số lượng không thể âm. Vui lòng nhập 0 hoặc một số dương."]);
    expect(textsOf(await snv.say("2,5"))).toEqual(["Số lượng phải là số nguyên (ví dụ: 3)."]);
    expect(textsOf(await snv.say("ba người"))).toEqual(["Vui lòng nhập một số nguyên (ví dụ: 3), hoặc bấm nút."]);
    expect(textsOf(await snv.say("12")).join()).toMatch(/Tập thể lao động xuất sắc<\/b> — số tập thể/);
    await snv.press("c:num:1");
    expect(textsOf(await snv.say("80")).join()).toContain("lớn bất thường");
    expect(textsOf(await snv.press("c:large:no")).join()).toContain("Bằng khen của Chủ tịch UBND tỉnh");
    await snv.say("3");
    const review = textsOf(await snv.press("c:skip")).join();
    expect(review).toMatch(/Chiến sĩ thi đua cơ sở\s+–\s+12/);
    expect(review).toMatch(/Bằng khen của Chủ tịch UBND…\s+3\s+0/);
    expect(await NominationReportModel.countDocuments()).toBe(0);
    expect(textsOf(await snv.press("c:ok")).join()).toContain("(lần 1)");

    // Revising: the old numbers stay unless changed.
    await snv.press(button);
    await snv.press("c:skip");
    await snv.press("c:num:2");
    await snv.press("c:skip");
    await snv.press("c:skip");
    await snv.press("c:ok");
    const report = (await NominationReportModel.findOne().lean())!;
    expect(report.version).toBe(2);
    expect(report.counts).toEqual([
      { award: "CSTD-CO-SO", collective: 0, individual: 12 },
      { award: "TT-LAO-DONG-XUAT-SAC", collective: 2, individual: 0 },
      { award: "BK-CHU-TICH-UBND-TINH", collective: 3, individual: 0 },
    ]);
    expect(report.versions.map((v) => v.version)).toEqual([1, 2]);

    // The group hears of both submissions in one message.
    await flushGroupNotices(harness.deps.config, harness.clock.now());
    const notices = await OutboxMessageModel.find({ chatId: SECRETARIAT_GROUP, purpose: "group-notices" }).lean();
    expect(notices).toHaveLength(1);
    expect(String((notices[0]!.payload as { text: string }).text).split("\n")).toHaveLength(2);

    // Three days, then one day before: only Sở Tài chính (silent) is reminded, once each.
    const check = (iso: string) => runJob("nomination-deadlines", jobContext(harness.deps.config, new Date(iso)), harness.deps.config.schedules);
    await check("2018-11-27T10:05:00Z");
    await check("2018-11-27T11:05:00Z");
    await check("2018-11-29T10:05:00Z");
    const reminders = await OutboxMessageModel.find({ purpose: "round-reminder" }).lean();
    expect(reminders.map((m) => m.chatId)).toEqual([9003, 9003]);

    // The deadline: closed, the group learns who is missing; a late answer is refused.
    await check("2018-11-30T10:05:00Z");
    expect((await NominationRoundModel.findById(round._id).lean())?.status).toBe("closed");
    const closing = await OutboxMessageModel.findOne({ purpose: "round-deadline" }).lean();
    expect(String((closing!.payload as { text: string }).text)).toMatch(/Chưa báo cáo \(6\)[\s\S]*Sở Tài chính/);
    harness.clock.set(new Date("2018-12-01T02:00:00Z"));
    expect(callbackAnswers(await stc.press(button))[0]).toContain("đã hết hạn");

    // Reopened for Sở Tài chính only, from chat; a wrong command changes nothing.
    expect(textsOf(await secretary.say("/dot molai 1 STC")).join()).toContain("Cách dùng");
    expect(textsOf(await stc.say("/dot molai 1 STC 03/12/2018")).join()).toContain("dành cho Ban Thi đua");
    expect(textsOf(await secretary.say("/dot molai 1 STC 03/12/2018")).join()).toContain("Đợt 1: đã kết thúc");
    // The group learns for whom and until when; the officer gets the round with the new deadline.
    const reopenedGroup = await OutboxMessageModel.findOne({ chatId: SECRETARIAT_GROUP, purpose: "round-reopened" }).lean();
    expect(String((reopenedGroup!.payload as { text: string }).text)).toBe("🔓 Đợt 1 được mở lại cho <b>Sở Tài chính</b> đến 03/12/2018 17:00.");
    const reopenedOfficer = await OutboxMessageModel.findOne({ chatId: 9003, purpose: "round-reopened" }).lean();
    expect(String((reopenedOfficer!.payload as { text: string }).text)).toContain("Hạn mới: <b>03/12/2018 17:00</b>");
    const form = textsOf(await stc.press(button)).join();
    expect(form).toContain("03/12/2018 17:00");
    expect(form).toContain("Chiến sĩ thi đua cơ sở");
    for (const step of ["c:num:1", "c:num:0", "c:num:0", "c:num:1", "c:ok"]) await stc.press(step);
    expect(await NominationReportModel.countDocuments()).toBe(2);
    expect(callbackAnswers(await snv.press(button))[0]).toContain("đã hết hạn");

    // Totals per award type, per agency, and who has not submitted.
    const totals = textsOf(await secretary.say("/khenthuong 1")).join("\n");
    expect(totals).toContain("Đã báo cáo: 2/7 đơn vị");
    expect(totals).toMatch(/Chiến sĩ thi đua cơ sở\s+–\s+13/);
    expect(totals).toContain("Tổng: 5 tập thể, 14 cá nhân");
    expect(totals).toContain("Chưa báo cáo (5)");
    expect(await AuditEntryModel.countDocuments({ action: { $in: ["round.opened", "round.reopened", "nomination.submitted"] } })).toBe(5);

    // Extended, then closed early, from chat.
    expect(textsOf(await secretary.say("/dot giahan 1 10/12/2018")).join()).toContain("Đợt 1: đang mở, hạn 10/12/2018 17:00");
    expect(callbackAnswers(await snv.press(button))).toEqual([""]);
    await snv.say("/huy");
    // Closing ends every agency's chance: asked once, "Thôi" changes nothing.
    expect(textsOf(await secretary.say("/round close 1"))).toEqual(["Kết thúc đợt 1 (Khen thưởng tổng kết năm 2018) ngay bây giờ? Các đơn vị chưa báo cáo sẽ không gửi được nữa."]);
    await secretary.press("rc:no");
    expect(callbackAnswers(await snv.press(button))).toEqual([""]);
    await snv.say("/huy");
    await secretary.say("/round close 1");
    expect(textsOf(await secretary.press("rc:1")).join()).toContain("Đợt 1: đã kết thúc");
    expect(callbackAnswers(await snv.press(button))[0]).toContain("đã hết hạn");
  });

  it("re-arms the reminders when a round is extended, and takes a deadline in working days", async () => {
    // Friday 23/11/2018: five working days end on Friday 30/11 at 17:00.
    harness.clock.set(new Date("2018-11-23T02:00:00Z"));
    await secretary.say("/modot");
    await secretary.say("Đợt ngắn");
    await secretary.press("c:kind:nomination");
    await secretary.press("c:pick:CSTD-CO-SO");
    await secretary.press("c:done");
    await secretary.say("trong 5 ngày làm việc");
    await secretary.press("c:aud:list");
    expect(textsOf(await secretary.say("STC")).join()).toContain("30/11/2018 17:00");
    await secretary.press("c:ok");
    const check = (iso: string) => runJob("nomination-deadlines", jobContext(harness.deps.config, new Date(iso)), harness.deps.config.schedules);
    await check("2018-11-29T10:05:00Z");
    expect(await OutboxMessageModel.countDocuments({ chatId: 9003, purpose: "round-reminder" })).toBe(1);

    // Extended by three working days (to Wednesday 5/12): the one-day reminder comes again for the new deadline.
    harness.clock.set(new Date("2018-11-30T02:00:00Z"));
    expect(textsOf(await secretary.say("/dot giahan 1 3 ngày làm việc")).join()).toContain("hạn 05/12/2018 17:00");
    await check("2018-12-04T10:05:00Z");
    expect(await OutboxMessageModel.countDocuments({ chatId: 9003, purpose: "round-reminder" })).toBe(2);
    await check("2018-12-04T11:05:00Z");
    expect(await OutboxMessageModel.countDocuments({ chatId: 9003, purpose: "round-reminder" })).toBe(2);
  });
});
