import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MilestoneModel } from "../../models/milestone.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { TELL_AGAIN_AFTER_MS } from "../../src/chat/once-per-period.ts";
import { callbackAnswers, SECRETARIAT_GROUP, startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * In the secretariat's group, the commands that show every agency's data answer only members
 * with a role that may see it (issue 18, point 6); anyone else there is told once in a while how
 * to join, and sees nothing.
 */
useTestDatabase();
let harness: Harness;
const VIEWS = ["/tinhhinh", "/tinhhinh UBND", "/chuabaocao", "/quahan", "/xuatbaocao", "/khenthuong", "/tonghop", "/guiloi", "/status", "/export"];

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-12T03:00:00Z"));
  const { planId } = await loadLaiChau();
  await addMember(7001, "Thư ký Ban", "secretariat");
  await addMember(7002, "Cán bộ UBND", "focal", "UBND");
  await addMember(7003, "Lãnh đạo", "leader");
  const row3 = await MilestoneModel.findOne({ plan: planId, row: "3" }).lean();
  await ProgressReportModel.create({ plan: planId, milestone: row3!._id, agency: await agencyId("UBND"), period: "2018-03", status: "blocked", percent: 10, note: "Ghi chú nội bộ của UBND", reportedAt: new Date(), version: 1 });
});
afterEach(() => harness.stop());

const callsTo = (chatId: number, from: number) => harness.telegram.calls.slice(from).filter((call) => Number(call.params.chat_id) === chatId);

describe("the secretariat's group", () => {
  it("shows nothing to a person who is not a member, and tells them once how to join", async () => {
    const outsider = new TestUser(harness, 7999, "Khách");
    const start = harness.telegram.calls.length;
    const first = textsOf(await outsider.say("/tinhhinh", { chatId: SECRETARIAT_GROUP }));
    expect(first).toEqual([expect.stringContaining("Lệnh này chỉ trả lời thành viên Ban Thi đua – Khen thưởng")]);
    for (const command of VIEWS) expect(textsOf(await outsider.say(command, { chatId: SECRETARIAT_GROUP })), command).toEqual([]);
    // Every call the bot made to the group: the one sentence, no document, no agency's note.
    const calls = callsTo(SECRETARIAT_GROUP, start);
    expect(calls.map((call) => call.method)).toEqual(["sendMessage"]);
    expect(JSON.stringify(calls)).not.toContain("Ghi chú nội bộ");
    // A button of the totals, pressed by them: refused.
    expect(callbackAnswers(await outsider.press("kt:1", { chatId: SECRETARIAT_GROUP }))).toEqual(["Lệnh này dành cho Ban Thi đua – Khen thưởng."]);
    // After the while, told again, once.
    await harness.clock.sleep(TELL_AGAIN_AFTER_MS["join-secretariat"]);
    expect(textsOf(await outsider.say("/quahan", { chatId: SECRETARIAT_GROUP }))).toHaveLength(1);
    expect(textsOf(await outsider.say("/quahan", { chatId: SECRETARIAT_GROUP }))).toEqual([]);
  });

  it("shows a focal officer nothing of other agencies, and a leader only the leaders' views", async () => {
    const officer = new TestUser(harness, 7002, "Cán bộ UBND");
    expect(textsOf(await officer.say("/tinhhinh", { chatId: SECRETARIAT_GROUP })).join()).toContain("chỉ trả lời thành viên");
    expect(textsOf(await officer.say("/khenthuong", { chatId: SECRETARIAT_GROUP }))).toEqual([]);
    const leader = new TestUser(harness, 7003, "Lãnh đạo");
    expect(textsOf(await leader.say("/tonghop", { chatId: SECRETARIAT_GROUP })).join()).toContain("Tổng hợp");
    expect(textsOf(await leader.say("/chuabaocao", { chatId: SECRETARIAT_GROUP })).join()).toContain("chỉ trả lời thành viên");
  });

  it("answers its members as before", async () => {
    const secretary = new TestUser(harness, 7001, "Thư ký");
    expect(textsOf(await secretary.say("/tinhhinh UBND", { chatId: SECRETARIAT_GROUP })).join()).toContain("Ghi chú nội bộ của UBND");
    const exported = await secretary.say("/xuatbaocao", { chatId: SECRETARIAT_GROUP });
    expect(exported.map((call) => call.method)).toContain("sendDocument");
  });
});
