import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { openRound } from "../../src/services/nomination-rounds.ts";
import { buttonsOf, callbackAnswers, startHarness, TestUser, textsOf, TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/** Every way an answer could land on the wrong question, be lost, or be half kept. */
useTestDatabase();
let harness: Harness;
let officer: TestUser;
const PASSED = "Câu hỏi này đã qua. Hãy trả lời câu hỏi mới nhất ở dưới. Không có gì thay đổi.";

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-05T02:00:00Z"));
  await loadLaiChau();
  await addMember(4001, "Cán bộ UBND", "focal", "UBND");
  officer = new TestUser(harness, 4001, "Minh");
});
afterEach(() => harness.stop());

/** The push of a month, delivered as Telegram would, and the buttons under it. */
async function deliverPush(asOf: string) {
  await runJob("monthly-push", jobContext(harness.deps.config, new Date(asOf)), harness.deps.config.schedules);
  await new OutboxSender({ api: new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot }), clock: harness.clock }).drain();
  const push = await OutboxMessageModel.findOne({ chatId: 4001, purpose: "monthly-push", "about.period": asOf.slice(0, 7) }).lean();
  const buttons = (push!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard.flat().map((b) => b.callback_data);
  return { messageId: push!.sentMessageId!, buttons };
}

const tagged = (calls: Awaited<ReturnType<TestUser["say"]>>, suffix: string) => buttonsOf(calls).find((b) => b.data.endsWith(`:${suffix}`))!.data;

describe("old buttons never answer the current question", () => {
  it("a '5' under the previous award's question records nothing for the award now asked", async () => {
    await ensureAwardCatalogue(new Date());
    const round = await openRound(
      { title: "Khen thưởng tổng kết", kind: "nomination", awardCodes: ["CSTD-CO-SO", "TT-LAO-DONG-XUAT-SAC"], deadline: new Date("2018-03-30T10:00:00Z"), audience: { all: false, blocs: [], agencyCodes: ["UBND"] } },
      { via: "cli" },
      harness.clock.now(),
    );
    const first = await officer.press(`n:${String(round._id)}`);
    const fiveUnderFirst = tagged(first, "num:5");
    expect(textsOf(await officer.say("2")).join()).toContain("Tập thể lao động xuất sắc");
    const stale = await officer.press(fiveUnderFirst);
    expect(callbackAnswers(stale)).toEqual([PASSED]);
    expect(textsOf(stale)).toEqual([]);
    const review = textsOf(await officer.say("1")).join();
    expect(review).toMatch(/Tập thể lao động xuất sắc\s+1/);
    await officer.press("c:ok");
    const saved = await NominationReportModel.findOne().lean();
    expect(saved!.counts.map((c) => [c.award, c.collective, c.individual])).toEqual([
      ["CSTD-CO-SO", 0, 2],
      ["TT-LAO-DONG-XUAT-SAC", 1, 0],
    ]);
  });

  it("an old 'Hoàn thành' pressed at the percent question changes nothing", async () => {
    const { buttons } = await deliverPush("2018-03-01T08:00:00+07:00");
    const statusQuestion = await officer.press(buttons[3]!);
    const done = tagged(statusQuestion, "st:done");
    await officer.press(tagged(statusQuestion, "st:in-progress"));
    expect(callbackAnswers(await officer.press(done))).toEqual([PASSED]);
    await officer.say("40");
    await officer.press("c:skip");
    await officer.press("c:skip");
    await officer.press("c:ok");
    expect(await ProgressReportModel.findOne().lean()).toMatchObject({ status: "in-progress", percent: 40 });
  });
});

describe("nothing half kept", () => {
  it("refuses a long paste that Telegram split in two as a whole, keeping no tail as the note", async () => {
    const { buttons } = await deliverPush("2018-03-01T08:00:00+07:00");
    await officer.press(buttons[3]!);
    await officer.press("c:st:in-progress");
    await officer.say("50");
    const head = await officer.say("a".repeat(4096));
    const tail = await officer.say("b".repeat(904));
    expect(textsOf(head)).toEqual([expect.stringContaining("vượt quá 1.000")]);
    // The tail gets its own answer (every message does), and is not taken as the note.
    expect(textsOf(tail)).toEqual([expect.stringContaining("đoạn sau của tin nhắn quá dài")]);
    await harness.clock.sleep(30_000);
    expect(textsOf(await officer.say("Đã họp hội đồng")).join()).toContain("minh chứng");
    const summary = textsOf(await officer.press("c:skip")).join();
    expect(summary).toContain("Đã họp hội đồng");
    expect(summary).not.toContain("bbbb");
  });

  it("'Sửa' keeps what was given: the evidence can be kept, replaced or removed", async () => {
    const { buttons } = await deliverPush("2018-03-01T08:00:00+07:00");
    await officer.press(buttons[3]!);
    await officer.press("c:st:in-progress");
    await officer.say("60");
    await officer.say("Ghi chú đầu");
    await officer.sendPhoto();
    const status = await officer.press("c:edit");
    expect(buttonsOf(status).map((b) => b.text)).toContain("✅ Đang thực hiện");
    expect(textsOf(await officer.press("c:skip")).join()).toContain("bao nhiêu phần trăm");
    expect(buttonsOf(await officer.say("70")).map((b) => b.text)).toEqual(["Bỏ qua", "Xóa", "✖️ Hủy"]);
    const evidence = await officer.press("c:skip");
    expect(textsOf(evidence).join()).toContain("Đã đính kèm: <b>ảnh</b>");
    expect(buttonsOf(evidence).map((b) => b.text)).toEqual(["Giữ minh chứng", "Xóa", "✖️ Hủy"]);
    const summary = textsOf(await officer.press("c:skip")).join();
    expect(summary).toContain("Đang thực hiện — 70%");
    expect(summary).toContain("Ghi chú đầu");
    await officer.press("c:ok");
    expect(await ProgressReportModel.findOne().lean()).toMatchObject({ percent: 70, note: "Ghi chú đầu", attachments: [expect.objectContaining({ fileId: "large-photo" })] });
  });
});

describe("in chat, as a person types", () => {
  it("/modot asks again for a mistyped agency code and keeps what was entered", async () => {
    await ensureAwardCatalogue(new Date());
    await addMember(9001, "Thư ký", "secretariat");
    const secretary = new TestUser(harness, 9001, "Thư ký");
    expect(textsOf(await secretary.say("/modot")).join()).toContain("Khen thưởng tổng kết năm 2018");
    await secretary.say("Đợt thử");
    await secretary.press("c:kind:nomination");
    await secretary.press("c:pick:CSTD-CO-SO");
    await secretary.press("c:done");
    await secretary.say("30/03/2018");
    await secretary.press("c:aud:list");
    expect(textsOf(await secretary.say("SNV, XYZ"))).toEqual([expect.stringContaining("Không có cơ quan mã XYZ")]);
    const summary = textsOf(await secretary.say("SNV UBND")).join();
    expect(summary).toContain("Đợt thử");
    expect(summary).toContain("30/03/2018 17:00");
    expect(textsOf(await secretary.press("c:ok")).join()).toMatch(/Đã mở Đợt 1 cho 2 đơn vị/);
  });

  it("/ngonngu switches the language and says so", async () => {
    const asked = await officer.say("/ngonngu");
    expect(buttonsOf(asked).map((b) => b.data)).toEqual(["lang:vi", "lang:en"]);
    const pressed = await officer.press("lang:en");
    // Said once: in the edited message, not in a popup as well.
    expect(callbackAnswers(pressed)).toEqual([""]);
    expect(textsOf(pressed)).toEqual(["Switched to English."]);
    expect(textsOf(await officer.say("/help"))[0]).toContain("/report");
  });
});

describe("across the year boundary", () => {
  it("a December reminder is answered on 2 January by its button, a reply or /baocao, and /quahan still shows December", async () => {
    harness.clock.set(new Date("2018-12-03T08:00:00+07:00"));
    const { buttons, messageId } = await deliverPush("2018-12-03T08:00:00+07:00");
    harness.clock.set(new Date("2019-01-02T09:00:00+07:00"));

    // The button.
    expect(textsOf(await officer.press(buttons[0]!)).join()).toContain("Tình trạng thực hiện?");
    await officer.press("c:st:done");
    await officer.press("c:skip");
    await officer.press("c:skip");
    await officer.press("c:ok");
    // The reply to the same message.
    const reply = textsOf(await officer.say("Đã xong", { replyTo: messageId })).join();
    expect(reply).toContain("tháng 12/2018");
    expect(textsOf(await officer.say("/huy"))).toEqual(["Đã hủy. Không có gì thay đổi."]);
    // /baocao offers December, which still has open work.
    const which = await officer.say("/baocao");
    expect(buttonsOf(which).map((b) => b.data)).toEqual(["rp:201812", "rp:201901"]);
    expect(textsOf(await officer.press("rp:201812")).join()).toContain("tháng 12/2018");
    await officer.say("/huy");

    const reports = await ProgressReportModel.find().lean();
    expect(reports.map((r) => r.period)).toEqual(["2018-12"]);

    await addMember(9001, "Thư ký", "secretariat");
    const overdue = textsOf(await new TestUser(harness, 9001, "Thư ký").say("/quahan")).join();
    expect(overdue).toContain("(kế hoạch năm 2018)");
    expect(overdue).not.toContain("Không có nhiệm vụ nào quá hạn");

    // February: December is closed, and every way in says so alike.
    harness.clock.set(new Date("2019-02-11T09:00:00+07:00"));
    expect(callbackAnswers(await officer.press(buttons[0]!))).toEqual([expect.stringContaining("Tháng 12/2018 đã khóa báo cáo")]);
    expect(textsOf(await officer.say("Đã xong", { replyTo: messageId }))).toEqual([expect.stringContaining("Tháng 12/2018 đã khóa báo cáo")]);
    expect(textsOf(await officer.say("/baocao 12/2018"))).toEqual([expect.stringContaining("Tháng 12/2018 đã khóa báo cáo")]);
    expect(await ProgressReportModel.countDocuments()).toBe(1);
  });
});
