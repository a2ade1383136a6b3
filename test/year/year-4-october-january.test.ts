import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { localDate } from "../../src/time/calendar.ts";
import { callbackAnswers, startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { at, expectAnOrdinaryStretch, LEADER, play, quietHours, schedules, setUpProvince, TZ, UBND_OFFICER } from "./year-of-dondoc.ts";

/** October 2026 to January 2027 (see year-of-dondoc.ts): December carried into January, and the year closed. */
useTestDatabase();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness(at("2026-10-01T00:00:00"), { schedules, quietHours });
});
afterAll(() => harness.stop());

describe("a year of dondoc, October to January", () => {
  it("pushes and reminds only on working days, never in quiet hours, carries December into January, and closes the year", async () => {
    await setUpProvince();
    const from = at("2026-10-01T00:00:00");
    const until = at("2027-01-01T00:00:00");
    const officer = new TestUser(harness, UBND_OFFICER, "Minh");
    let decemberAnswered = false;
    const played = await play(harness, from, at("2027-01-31T23:59:59"), {
      before: async (instant) => {
        if (decemberAnswered || instant < at("2027-01-02T10:00:00")) return;
        decemberAnswered = true;
        harness.clock.set(at("2027-01-02T10:00:00"));
        const reminder = await OutboxMessageModel.findOne({ chatId: UBND_OFFICER, purpose: "reminder", "about.period": "2026-12", state: "sent" }).sort({ sentAt: -1 }).lean();
        const button = (reminder!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard[0]![0]!.callback_data;
        expect(textsOf(await officer.press(button)).join()).toContain("Tình trạng thực hiện?");
        await officer.press("c:st:in-progress");
        await officer.say("80");
        await officer.press("c:skip");
        await officer.press("c:skip");
        expect(textsOf(await officer.press("c:ok")).join()).toContain("Đã ghi nhận");
        await addMember(5009, "Thư ký", "secretariat");
        const overdue = textsOf(await new TestUser(harness, 5009, "Thư ký").say("/quahan")).join();
        expect(overdue).toContain("(kế hoạch năm 2026)");
      },
    });
    await expectAnOrdinaryStretch(played, from, until, ["2026-10", "2026-11", "2026-12"]);
    // The December report, made on 2 January, is December's.
    expect((await ProgressReportModel.find().lean()).map((r) => [r.period, localDate(r.reportedAt, TZ)])).toEqual([["2026-12", "2027-01-02"]]);


    // A button pressed on a stale month is refused the same way the rule says.
    harness.clock.set(at("2027-02-02T09:00:00"));
    const old = await OutboxMessageModel.findOne({ chatId: UBND_OFFICER, purpose: "monthly-push", "about.period": "2026-11" }).lean();
    const oldButton = (old!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard[0]![0]!.callback_data;
    expect(callbackAnswers(await officer.press(oldButton))[0]).toContain("Tháng 11/2026 đã khóa báo cáo");

    // The secretariat closes 2026: the year-end account goes to the group and the leader, and /quahan lets 2026 go.
    const secretary = new TestUser(harness, 5009, "Thư ký");
    expect(textsOf(await secretary.say("/dongnam 2028"))[0]).toContain("Cách dùng: /dongnam 2026");
    expect(textsOf(await secretary.say("/dongnam 2026"))[0]).toContain("Khóa sổ năm 2026?");
    const closed = textsOf(await secretary.press("ye:2026")).join();
    expect(closed).toMatch(/Đã khóa sổ năm 2026: 0\/\d+ nhiệm vụ chủ trì đã hoàn thành/);
    const yearEnd = await OutboxMessageModel.find({ purpose: "year-end" }).lean();
    expect(new Set(yearEnd.map((m) => m.chatId))).toEqual(new Set([played.config.secretariatChatId, LEADER]));
    expect(String((yearEnd[0]!.payload as { text: string }).text)).toContain("Tổng kết năm 2026");
    expect(textsOf(await secretary.say("/quahan")).join()).not.toContain("(kế hoạch năm 2026)");
    expect(textsOf(await secretary.press("ye:2026")).join()).toContain("Không có kế hoạch năm 2026 nào đang theo dõi");
  }, 360_000);
});
