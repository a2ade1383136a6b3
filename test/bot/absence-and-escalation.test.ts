import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { startHarness, SECRETARIAT_GROUP, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-05T02:00:00Z"));
  await loadLaiChau();
});
afterEach(() => harness.stop());

const run = (job: "monthly-push" | "reminders" | "escalation", local: string) => runJob(job, jobContext(harness.deps.config, new Date(`${local}+07:00`)), harness.deps.config.schedules);
const textOf = (message: { payload: unknown }) => String((message.payload as { text: string }).text);

describe("an officer away", () => {
  it("hands the agency's messages to its other officer, and tells the secretariat once when nobody is left", async () => {
    await addMember(6001, "Lan", "focal", "SNV");
    await addMember(6002, "Hùng", "focal", "SNV");
    await addMember(6003, "Minh", "focal", "UBND");
    await addMember(6009, "Thư ký", "secretariat");
    const lan = new TestUser(harness, 6001, "Lan");
    const minh = new TestUser(harness, 6003, "Minh");

    expect(textsOf(await lan.say("/vang 31/02/2018"))).toEqual([expect.stringContaining('Không đọc được ngày "31/02/2018"')]);
    expect(textsOf(await lan.say("/vang 01/03/2018"))).toEqual([expect.stringContaining("ngày đã qua")]);
    expect(textsOf(await lan.say("/vang 15/03/2018"))).toEqual(["Đã ghi: bạn vắng đến hết 15/03/2018. Trong thời gian này tin nhắn của đơn vị gửi cho: Hùng."]);
    expect(textsOf(await minh.say("/vang 12/03/2018")).join()).toContain("Ban TĐKT sẽ được báo");

    await run("reminders", "2018-03-12T08:30:00");
    expect(await OutboxMessageModel.countDocuments({ chatId: 6001 })).toBe(0);
    expect(await OutboxMessageModel.countDocuments({ chatId: 6002, purpose: "reminder" })).toBe(1);
    expect(await OutboxMessageModel.countDocuments({ chatId: 6003 })).toBe(0);
    const told = await OutboxMessageModel.find({ chatId: SECRETARIAT_GROUP, purpose: "away-uncovered" }).lean();
    expect(told.map(textOf)).toEqual([expect.stringContaining("<b>Ủy ban nhân dân tỉnh Lai Châu</b>: mọi cán bộ đầu mối đều vắng (Minh, đến hết 12/03/2018)")]);
    // A second round the same absence: told once only.
    await run("reminders", "2018-03-12T15:00:00");
    expect(await OutboxMessageModel.countDocuments({ purpose: "away-uncovered" })).toBe(1);

    // The secretariat sees who is away; back early, Lan gets the next reminder.
    const list = textsOf(await new TestUser(harness, 6009, "Thư ký").say("/vang")).join();
    expect(list).toContain("Cán bộ đang vắng: 2");
    expect(list).toContain("Lan (Sở Nội vụ (Ban Thi đua – Khen thưởng)) — vắng đến hết 15/03/2018");
    expect(textsOf(await lan.say("/vang het"))).toEqual(["Đã ghi: bạn đã trở lại. Tin nhắn của đơn vị lại gửi cho bạn."]);
    await run("reminders", "2018-03-20T08:30:00");
    expect(await OutboxMessageModel.countDocuments({ chatId: 6001, purpose: "reminder" })).toBe(1);
  });
});

describe("escalation", () => {
  it("tells the group once, N working days after the month's last reminder, who is still silent and whom to call", async () => {
    await addMember(6001, "Lan", "focal", "SNV");
    await run("reminders", "2018-03-20T08:30:00");
    // Tuesday 20/3 + three working days is Friday 23/3.
    expect((await run("escalation", "2018-03-22T09:00:00")).enqueued).toBe(0);
    expect((await run("escalation", "2018-03-23T09:00:00")).enqueued).toBeGreaterThan(0);
    // One message (in parts that fit Telegram's limit), about March only.
    const parts = await OutboxMessageModel.find({ purpose: "escalation" }).sort({ key: 1 }).lean();
    expect(parts.every((part) => part.chatId === SECRETARIAT_GROUP && part.key.startsWith("escalation:2018-03:"))).toBe(true);
    const text = parts.map(textOf).join("\n");
    expect(text).toContain("sau 3 ngày làm việc kể từ lần nhắc cuối");
    expect(text).toMatch(/Sở Nội vụ \(Ban Thi đua – Khen thưởng\): 7 nhiệm vụ — Lan/);
    expect(text).toContain("chưa có cán bộ đầu mối");
    expect((await run("escalation", "2018-03-26T09:00:00")).enqueued).toBe(0);
  });
});

describe("the leaders' digest", () => {
  it("names the agencies silent two months running, only over months dondoc asked them, and takes a month", async () => {
    await addMember(6005, "Lãnh đạo", "leader");
    const leader = new TestUser(harness, 6005, "Lãnh đạo");
    // dondoc's first month: January and February were before it, and count against no one.
    const first = textsOf(await leader.say("/tonghop")).join("\n");
    expect(first).toContain("Đơn vị chưa báo cáo:");
    expect(first).not.toContain("Chưa báo cáo cả tháng");
    // Had dondoc pushed January's and February's tasks, those who answered none in either are named.
    await run("monthly-push", "2018-01-02T08:00:00");
    await run("monthly-push", "2018-02-01T08:00:00");
    const before = textsOf(await leader.say("/tonghop")).join("\n");
    expect(before).toMatch(/Chưa báo cáo cả tháng 1\/2018 và tháng 2\/2018 \(cả hai tháng đều có nhiệm vụ phải báo cáo\): \d+ đơn vị<\/b>\n.*Ủy ban nhân dân tỉnh Lai Châu/);
    // UBND answers one February task: it reported partly, it was not silent.
    const ubnd = await agencyId("UBND");
    const february = (await MilestoneModel.findOne({ months: 2, $or: [{ leadAgencies: ubnd }, { allAgencies: true }] }).lean())!;
    await ProgressReportModel.create({ plan: february.plan, milestone: february._id, agency: ubnd, period: "2018-02", status: "in-progress", percent: 30, reportedAt: new Date(), version: 1 });
    const after = textsOf(await leader.say("/tonghop")).join("\n");
    expect(after.split("Chưa báo cáo cả tháng")[1]).not.toContain("Ủy ban nhân dân tỉnh Lai Châu");
    expect(textsOf(await leader.say("/tonghop 2/2018")).join()).toContain("tháng 2/2018");
    expect(textsOf(await leader.say("/tonghop 14/2018"))).toEqual([expect.stringContaining('Không đọc được tháng "14/2018"')]);
  });
});
