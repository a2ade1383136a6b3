import { readFileSync } from "node:fs";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleBetween } from "../../jobs/job-schedule.ts";
import { JobScheduler } from "../../jobs/scheduler.ts";
import { JobRunModel } from "../../models/job-run.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { translatorFor } from "../../src/i18n.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { toPlanJson } from "../../src/plan/plan-json.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { importPlan } from "../../src/services/import-plan.ts";
import { officeHoursWindow } from "../../src/services/office-hours-window.ts";
import { loadSendRules } from "../../src/services/working-calendar.ts";
import { localDate } from "../../src/time/calendar.ts";
import { maySendAt } from "../../src/time/quiet-hours.ts";
import { callbackAnswers, startHarness, TestUser, textsOf, TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { readLaiChauPlan, repoPath } from "../support/sample-files.ts";
import { TEST_SCHEDULES } from "../support/schedules.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * A whole year, 1/1/2026 to 31/1/2027, played with the injected clock: the scheduler ticks at
 * every occurrence `jobs schedule` lists (and the outbox drains then and each morning), as a
 * running bot would. The plan is the Lai Châu one with its years moved to 2026 (a test stand-in
 * for a 2026 plan). Nomination rounds are checked weekly here to keep the year short to play.
 */
useTestDatabase();
const TZ = "Asia/Ho_Chi_Minh";
const schedules = { ...TEST_SCHEDULES, nominationDeadlines: "5 9 * * 1" };
const quietHours = { startMinute: 18 * 60, endMinute: 7 * 60 };
let harness: Harness;

const at = (local: string) => new Date(`${local}+07:00`);

beforeAll(async () => {
  harness = await startHarness(at("2026-01-01T00:00:00"), { schedules, quietHours });
});
afterAll(() => harness.stop());

/** The directory, the plan and the people (each test starts on an empty database). */
async function setUpProvince(): Promise<void> {
  const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau.csv"), "utf8"));
  if (!("rows" in read)) throw new Error("agency CSV does not read");
  await importAgencies(read.rows, { via: "cli" }, new Date());
  const text = readLaiChauPlan().replace(/2018/g, "2026").replace(/2017/g, "2025");
  const plan = parsePlan(text);
  await importPlan(plan, { text, warnings: toPlanJson(plan, translatorFor("vi")).warnings }, { via: "cli" }, new Date());
  await addMember(5001, "Cán bộ UBND tỉnh", "focal", "UBND");
  await addMember(5002, "Cán bộ Sở Nội vụ", "focal", "SNV");
  await addMember(5003, "Lãnh đạo tỉnh", "leader");
}

describe("a whole year of dondoc", () => {
  it("pushes and reminds only on working days, never in quiet hours, and carries December into January", async () => {
    await setUpProvince();
    const config = { ...harness.deps.config };
    const sender = new OutboxSender({ api: new Api(TOKEN, { apiRoot: config.telegramApiRoot }), clock: harness.clock, sendWindow: officeHoursWindow(config), maxInFlight: 1 });
    const rules = await loadSendRules(config);
    const occurrences = scheduleBetween(at("2026-01-01T00:00:00"), at("2027-01-31T23:59:59"), schedules, rules);
    // Ticks at every occurrence, and a drain at 07:00 every day for what waited overnight.
    const mornings = Array.from({ length: 396 }, (_, day) => new Date(at("2026-01-01T07:00:00").getTime() + day * 86_400_000));
    const instants = [...new Set([...occurrences.map((o) => o.at.getTime()), ...mornings.map((m) => m.getTime())])].sort((a, b) => a - b);

    let scheduler = new JobScheduler(config, harness.clock, () => undefined, () => undefined);
    harness.clock.set(at("2026-01-01T00:00:00"));
    await scheduler.catchUp();
    const officer = new TestUser(harness, 5001, "Minh");
    let decemberAnswered = false;
    let restartedLate = false;
    for (const instant of instants) {
      // The bot is down on Monday 2 March from 07:00 and comes back at 23:00: its catch-up waits for the morning.
      if (instant >= at("2026-03-02T07:00:00").getTime() && instant < at("2026-03-02T23:00:00").getTime()) continue;
      if (!restartedLate && instant >= at("2026-03-02T23:00:00").getTime()) {
        restartedLate = true;
        harness.clock.set(at("2026-03-02T23:00:00"));
        scheduler = new JobScheduler(config, harness.clock, () => undefined, () => undefined);
        await scheduler.catchUp();
        expect(await OutboxMessageModel.countDocuments({ purpose: "monthly-push", "about.period": "2026-03", state: "pending" })).toBe(2);
        expect(await sender.drain()).toBe(0);
      }
      if (!decemberAnswered && instant >= at("2027-01-02T10:00:00").getTime()) {
        decemberAnswered = true;
        harness.clock.set(at("2027-01-02T10:00:00"));
        const reminder = await OutboxMessageModel.findOne({ chatId: 5001, purpose: "reminder", "about.period": "2026-12", state: "sent" }).sort({ sentAt: -1 }).lean();
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
      }
      harness.clock.set(new Date(instant));
      await scheduler.tick();
      await sender.drain();
    }

    const sent = await OutboxMessageModel.find({ state: "sent" }).lean();
    const pending = await OutboxMessageModel.countDocuments({ state: { $ne: "sent" } });
    expect(pending).toBe(0);
    // Nothing unasked went out on a day off or in quiet hours.
    for (const message of sent) expect(maySendAt(message.sentAt!, rules), `${message.key} at ${message.sentAt!.toISOString()}`).toBe(true);
    // No push or reminder during Tết 2026 (14–22/2).
    const runs = await JobRunModel.find({ job: { $in: ["monthly-push", "reminders"] } }).lean();
    for (const run of runs) expect(rules.calendar.isWorkingDay(localDate(run.asOf, TZ)), run.key).toBe(true);
    expect(runs.some((run) => localDate(run.asOf, TZ) >= "2026-02-14" && localDate(run.asOf, TZ) <= "2026-02-22")).toBe(false);
    // March's push, missed at 08:00 and caught up at 23:00, went at 07:00 the next morning.
    const march = sent.filter((m) => m.purpose === "monthly-push" && m.about?.period === "2026-03");
    expect(march.map((m) => m.sentAt!.toISOString())).toEqual([at("2026-03-03T07:00:00").toISOString(), at("2026-03-03T07:00:00").toISOString()]);
    // The December report, made on 2 January, is December's.
    expect((await ProgressReportModel.find().lean()).map((r) => [r.period, localDate(r.reportedAt, TZ)])).toEqual([["2026-12", "2027-01-02"]]);

    // Every month of 2026, nobody reported: each month escalated to the group once, three working days after its last reminder.
    const escalated = new Set(sent.filter((m) => m.purpose === "escalation").map((m) => m.key.split(":")[1]));
    expect([...escalated].filter((period) => period!.startsWith("2026")).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`));

    // What each person received in 2026.
    const in2026 = sent.filter((m) => m.sentAt! < at("2027-01-01T00:00:00"));
    const count = (chatId: number, purpose?: string) => in2026.filter((m) => m.chatId === chatId && (!purpose || m.purpose === purpose)).length;
    const received = {
      ubnd: { push: count(5001, "monthly-push"), reminders: count(5001, "reminder"), all: count(5001) },
      snv: { push: count(5002, "monthly-push"), reminders: count(5002, "reminder"), all: count(5002) },
      leader: count(5003),
    };
    console.log(`messages received in 2026: ${JSON.stringify(received)}`);
    // Every month of 2026 has due work for both agencies; nobody reported, so all 24 reminders went.
    expect(received.ubnd.push).toBeGreaterThanOrEqual(12);
    expect(received.ubnd.reminders).toBeGreaterThanOrEqual(24);
    expect(received.snv.push).toBeGreaterThanOrEqual(12);
    // The leader's digest: text and chart, once a working week, and the one missed while down on 2 March too.
    const digestRuns = await JobRunModel.find({ job: "weekly-digest", asOf: { $lt: at("2027-01-01T00:00:00") } }).lean();
    expect(digestRuns.map((run) => run.asOf.toISOString())).toContain(at("2026-03-02T07:30:00").toISOString());
    expect(digestRuns.length).toBeGreaterThanOrEqual(occurrences.filter((o) => o.job === "weekly-digest" && o.at < at("2027-01-01T00:00:00")).length);
    expect(received.leader).toBe(digestRuns.length * 2);
    // A button pressed on a stale month is refused the same way the rule says.
    harness.clock.set(at("2027-02-02T09:00:00"));
    const old = await OutboxMessageModel.findOne({ chatId: 5001, purpose: "monthly-push", "about.period": "2026-11" }).lean();
    const oldButton = (old!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard[0]![0]!.callback_data;
    expect(callbackAnswers(await officer.press(oldButton))[0]).toContain("Tháng 11/2026 đã khóa báo cáo");

    // The secretariat closes 2026: the year-end account goes to the group and the leader, and /quahan lets 2026 go.
    const secretary = new TestUser(harness, 5009, "Thư ký");
    expect(textsOf(await secretary.say("/dongnam 2028"))[0]).toContain("Cách dùng: /dongnam 2026");
    expect(textsOf(await secretary.say("/dongnam 2026"))[0]).toContain("Khóa sổ năm 2026?");
    const closed = textsOf(await secretary.press("ye:2026")).join();
    expect(closed).toMatch(/Đã khóa sổ năm 2026: 0\/\d+ nhiệm vụ chủ trì đã hoàn thành/);
    const yearEnd = await OutboxMessageModel.find({ purpose: "year-end" }).lean();
    expect(new Set(yearEnd.map((m) => m.chatId))).toEqual(new Set([config.secretariatChatId, 5003]));
    expect(String((yearEnd[0]!.payload as { text: string }).text)).toContain("Tổng kết năm 2026");
    expect(textsOf(await secretary.say("/quahan")).join()).not.toContain("(kế hoạch năm 2026)");
    expect(textsOf(await secretary.press("ye:2026")).join()).toContain("Không có kế hoạch năm 2026 nào đang theo dõi");
  }, 240_000);
});
