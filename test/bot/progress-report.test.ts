import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { Api } from "grammy";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { flushGroupNotices } from "../../src/services/group-notices.ts";
import { buttonsOf, startHarness, TestUser, textsOf, TOKEN, type Harness, SECRETARIAT_GROUP } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
let officer: TestUser;
const MARCH_1 = new Date("2018-03-01T01:00:00Z");

beforeEach(async () => {
  harness = await startHarness(MARCH_1);
  await loadLaiChau();
  await addMember(4001, "Lan", "focal", "UBND");
  officer = new TestUser(harness, 4001, "Lan");
});
afterEach(() => harness.stop());

/** Runs the March push and sends it through the outbox to the fake Telegram. */
async function deliverMarchPush() {
  await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
  const api = new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot });
  await new OutboxSender({ api, clock: harness.clock }).drain();
  const push = await OutboxMessageModel.findOne({ chatId: 4001, purpose: "monthly-push" }).lean();
  const buttons = (push!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard.flat();
  return { messageId: push!.sentMessageId!, buttons: buttons.map((b) => b.callback_data) };
}

describe("a focal officer reporting progress", () => {
  it("goes from the push button to a saved report, through bad answers that change nothing", async () => {
    const { buttons } = await deliverMarchPush();
    const first = await officer.press(buttons[3]!);
    expect(textsOf(first).join()).toContain("Tình trạng thực hiện?");

    // Text where a button is wanted.
    const again = textsOf(await officer.say("đang làm"));
    expect(again[0]).toBe("Vui lòng chọn bằng các nút bên dưới.");
    expect(again[1]).toContain("Tình trạng thực hiện?");
    expect(textsOf(await officer.press("c:st:in-progress")).join()).toContain("bao nhiêu phần trăm");

    // Bad percents, one after another, each explained, the question standing.
    expect(textsOf(await officer.say("nhiều lắm"))).toEqual(["Vui lòng nhập một số nguyên từ 0 đến 100 (ví dụ: 60)."]);
    expect(textsOf(await officer.say("150%"))).toEqual(["Phần trăm phải từ 0 đến 100. Vui lòng nhập lại."]);
    expect(textsOf(await officer.say("-5"))).toEqual(["Phần trăm phải từ 0 đến 100. Vui lòng nhập lại."]);
    expect(textsOf(await officer.say("👍"))).toEqual(["Vui lòng nhập một số nguyên từ 0 đến 100 (ví dụ: 60)."]);
    expect(textsOf(await officer.sendSticker())).toEqual(["Vui lòng nhập một số nguyên từ 0 đến 100 (ví dụ: 60)."]);
    expect(textsOf(await officer.say("60")).join()).toContain("Ghi chú thêm");

    // A note far too long, a sticker, then a proper one.
    expect(textsOf(await officer.say("x".repeat(5000)))[0]).toContain("5.000 ký tự, vượt quá 1.000");
    expect(textsOf(await officer.sendSticker())[0]).toContain("bằng chữ");
    expect(textsOf(await officer.say("Đã trình dự thảo quyết định <b>khen thưởng</b>")).join()).toContain("minh chứng");
    expect(textsOf(await officer.say("không có ảnh"))[0]).toContain("một ảnh hoặc một tệp");
    const summary = textsOf(await officer.sendDocument("to-trinh.pdf")).join();
    expect(summary).toContain("Đang thực hiện — 60%");
    expect(summary).toContain("&lt;b&gt;khen thưởng&lt;/b&gt;");
    expect(summary).toContain("to-trinh.pdf");
    expect(await ProgressReportModel.countDocuments()).toBe(0);

    expect(textsOf(await officer.press("c:ok")).join()).toContain("Đã ghi nhận báo cáo (lần 1)");
    const saved = await ProgressReportModel.findOne().lean();
    expect(saved).toMatchObject({ period: "2018-03", status: "in-progress", percent: 60, version: 1, note: "Đã trình dự thảo quyết định <b>khen thưởng</b>" });
    expect(String(saved!.agency)).toBe(await agencyId("UBND"));
    expect(saved!.attachments).toEqual([expect.objectContaining({ kind: "document", fileId: "doc-to-trinh.pdf", fileName: "to-trinh.pdf" })]);

    // The secretariat group is told in one line, gathered with others and posted through the outbox.
    expect(await flushGroupNotices(harness.deps.config, harness.clock.now())).toBe(1);
    const notice = await OutboxMessageModel.findOne({ chatId: SECRETARIAT_GROUP, purpose: "group-notices" }).lean();
    expect(String((notice!.payload as { text: string }).text)).toMatch(/Ủy ban nhân dân tỉnh Lai Châu — <b>Đang thực hiện<\/b> 60% \(lần 1\): \[3\] /);
  });

  it("keeps earlier versions when the officer reports again, and can edit before confirming", async () => {
    const { buttons } = await deliverMarchPush();
    for (const [status, percent] of [["in-progress", "40"], ["done", null]] as const) {
      await officer.press(buttons[0]!);
      await officer.press(`c:st:${status}`);
      if (percent) await officer.say(percent);
      await officer.press("c:skip");
      const summary = textsOf(await officer.press("c:skip")).join();
      if (status === "done") {
        // Edit: back to the status question, then finish as done.
        expect(textsOf(await officer.press("c:edit")).join()).toContain("Tình trạng thực hiện?");
        await officer.press("c:st:done");
        await officer.press("c:skip");
        await officer.press("c:skip");
      } else expect(summary).toContain("40%");
      await officer.press("c:ok");
    }
    const report = await ProgressReportModel.findOne().lean();
    expect(report).toMatchObject({ status: "done", percent: 100, version: 2 });
    expect(report!.versions.map((v) => [v.version, v.status, v.percent, v.reportedByTelegramId])).toEqual([
      [1, "in-progress", 40, 4001],
      [2, "done", 100, 4001],
    ]);
  });

  it("can be cancelled at any step, saving nothing", async () => {
    // February is still open and has unanswered tasks: /baocao asks which month first.
    expect(textsOf(await officer.say("/baocao"))).toEqual(["Tháng trước vẫn còn nhiệm vụ chưa báo cáo. Bạn báo cáo cho tháng nào?"]);
    expect(textsOf(await officer.press("rp:201803")).join()).toContain("Chọn nhiệm vụ cần báo cáo (tháng 3/2018");
    const choose = textsOf(await officer.say("/huy"));
    expect(choose).toEqual(["Đã hủy. Không có gì thay đổi."]);
    const { buttons } = await deliverMarchPush();
    await officer.press(buttons[1]!);
    await officer.press("c:st:blocked");
    await officer.say("20");
    // With answers given, cancelling asks once; "Tiếp tục" asks the question again, a second "Hủy" cancels.
    const asked = await officer.say("/cancel");
    expect(textsOf(asked)).toEqual(["Hủy báo cáo này? Những gì đồng chí đã nhập sẽ không được lưu."]);
    expect(buttonsOf(asked).map((button) => button.text)).toEqual(["Tiếp tục", "✖️ Hủy"]);
    expect(textsOf(await officer.press("c:keep"))).toEqual([expect.stringContaining("Ghi chú thêm")]);
    await officer.say("/cancel");
    expect(textsOf(await officer.press("c:go"))).toEqual(["Đã hủy. Không có gì thay đổi."]);
    expect(await ProgressReportModel.countDocuments()).toBe(0);
    expect(textsOf(await officer.say("/huy"))).toEqual(["Không có việc gì đang làm dở."]);
  });

  it("continues where the officer was after a restart", async () => {
    const { buttons } = await deliverMarchPush();
    await officer.press(buttons[2]!);
    await officer.press("c:st:in-progress");
    await harness.restart();
    expect(textsOf(await officer.say("75")).join()).toContain("Ghi chú thêm");
    await officer.press("c:skip");
    await officer.sendPhoto();
    await officer.press("c:ok");
    expect(await ProgressReportModel.findOne().lean()).toMatchObject({ percent: 75, attachments: [expect.objectContaining({ kind: "photo", fileId: "large-photo" })] });
  });

  it("leads a reply to the push, such as 'Đã xong', into the report", async () => {
    const { messageId } = await deliverMarchPush();
    const calls = await officer.say("Đã xong", { replyTo: messageId });
    // The push listed seven tasks: choose one, and the status is taken from the reply.
    expect(textsOf(calls).join()).toContain("Chọn nhiệm vụ cần báo cáo");
    const pick = buttonsOf(calls).find((b) => /^c:[A-Za-z0-9_-]{4}\d+:pick:/.test(b.data))!;
    expect(textsOf(await officer.press(pick.data)).join()).toContain("Ghi chú thêm");
    await officer.press("c:skip");
    await officer.press("c:skip");
    await officer.press("c:ok");
    expect(await ProgressReportModel.findOne().lean()).toMatchObject({ status: "done", percent: 100 });
  });

  it("expires an idle conversation with a message, and the next command works", async () => {
    await deliverMarchPush();
    await officer.say("/baocao 3/2018");
    await harness.clock.sleep(31 * 60_000);
    const later = Date.now;
    // The plugin measures waits with the real clock: move it forward for this one answer.
    Date.now = () => later() + 31 * 60_000;
    try {
      const calls = await officer.say("/baocao 03/2018");
      const texts = textsOf(calls);
      expect(texts[0]).toContain("hết hạn");
      expect(texts.join()).toContain("Chọn nhiệm vụ cần báo cáo");
    } finally {
      Date.now = later;
    }
  });
});

describe("buttons that should not work", () => {
  it("answers a forged, foreign or future button clearly and changes nothing", async () => {
    const { buttons } = await deliverMarchPush();
    await addMember(4002, "Hoa", "focal", "SNV");
    const other = new TestUser(harness, 4002, "Hoa");
    // Row 3 is UBND's (and every agency's as coordinating); row 11's (Nov) button is in the future.
    const forged = [
      "r:ffffffffffffffffffffffff:201803",
      "r:zz:201803",
      buttons[0]!.replace(/201803$/, "201811"),
      buttons[0]!.replace(/201803$/, "201713"),
      "c:ok",
      "st:done",
    ];
    for (const data of forged) {
      const calls = await officer.press(data);
      const answer = calls.find((c) => c.method === "answerCallbackQuery");
      expect(answer?.params.text, data).toBe("Nút này không còn hiệu lực. Không có gì thay đổi.");
      expect(textsOf(calls), data).toEqual([]);
    }
    // Another agency's officer pressing UBND's lead-only task in row 3: Sở Nội vụ coordinates it, so it is theirs too.
    const coordinated = await other.press(buttons[3]!);
    expect(textsOf(coordinated).join()).toContain("Tình trạng thực hiện?");
    expect(await ProgressReportModel.countDocuments()).toBe(0);
  });
});
