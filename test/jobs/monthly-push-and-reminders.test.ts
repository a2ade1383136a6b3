import { TEST_SCHEDULES } from "../support/schedules.ts";
import { describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { reportButton } from "../../src/chat/callback-data.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
const config = { timeZone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" as const, secretariatChatId: -100500 };
const schedules = TEST_SCHEDULES;
const at = (iso: string) => jobContext(config, new Date(iso));

async function messagesTo(chatId: number) {
  return OutboxMessageModel.find({ chatId }).sort({ key: 1 }).lean();
}

describe("the monthly push", () => {
  it("sends each focal officer the March 2018 milestones of their agency, grouped and with buttons", async () => {
    const { planId } = await loadLaiChau();
    await addMember(1001, "Cán bộ Sở Nội vụ", "focal", "SNV");
    await addMember(1002, "Cán bộ UBND", "focal", "UBND");
    await addMember(1003, "Cán bộ Báo", "focal", "BAOLC", "en");
    await addMember(1004, "Cán bộ Tam Đường", "focal", "TAMDUONG");

    const result = await runJob("monthly-push", at("2018-03-01T08:00:00+07:00"), schedules);
    expect(result).toMatchObject({ key: "monthly-push:2018-03", enqueued: 4, alreadyQueued: 0 });

    const [ubnd] = await messagesTo(1002);
    const text = String((ubnd!.payload as { text: string }).text);
    // Row 3 (Tháng 02, 03) is led by UBND tỉnh; row 1 (all year) concerns every agency, which leads it.
    expect(text).toContain("Nhiệm vụ tháng 3/2018");
    expect(text).toContain("<b>Chủ trì</b>");
    expect(text).toContain("Quyết định khen thưởng thành tích hoàn thành xuất sắc nhiệm vụ năm 2017");
    expect(text).not.toContain("Tổ chức kỷ niệm 70 năm");
    const march = await MilestoneModel.find({ plan: planId, months: 3 }).lean();
    expect(march).toHaveLength(7);
    const keyboard = (ubnd!.payload as { reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup.inline_keyboard.flat();
    expect(keyboard).toHaveLength(7);
    for (const button of keyboard) {
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
      expect(reportButton.read(button.callback_data)?.period).toBe("2018-03");
    }
    expect(ubnd!.about?.milestones).toHaveLength(7);

    // The press are named as coordinating in row 1 and concerned by row 3: they lead nothing, and read English.
    const [press] = await messagesTo(1003);
    const pressText = String((press!.payload as { text: string }).text);
    expect(pressText).toMatch(/Tasks for 3\/2018[\s\S]*<b>Coordinating<\/b>/);
    expect(pressText).not.toContain("<b>Lead</b>");
  });

  it("sends nothing to an agency with nothing due, and nothing twice", async () => {
    await loadLaiChau();
    await addMember(1001, "Cán bộ Sở Nội vụ", "focal", "SNV");
    const first = await runJob("monthly-push", at("2018-03-01T08:00:00+07:00"), schedules);
    const again = await runJob("monthly-push", at("2018-03-01T09:00:00+07:00"), schedules);
    expect(first.enqueued).toBe(1);
    expect(again).toMatchObject({ enqueued: 0, alreadyQueued: 1 });
    expect(await OutboxMessageModel.countDocuments()).toBe(1);
    // 2019 has no plan: nothing is due.
    expect((await runJob("monthly-push", at("2019-03-01T08:00:00+07:00"), schedules)).enqueued).toBe(0);
  });

  it("reads the month in Asia/Ho_Chi_Minh, not UTC", async () => {
    await loadLaiChau();
    await addMember(1001, "Cán bộ Sở Nội vụ", "focal", "SNV");
    // 2018-02-28T17:30Z is 00:30 on 1 March in Lai Châu.
    const result = await runJob("monthly-push", at("2018-02-28T17:30:00Z"), schedules);
    expect(result.key).toBe("monthly-push:2018-03");
  });
});

describe("the reminders", () => {
  it("reach only agencies with unanswered milestones, listing exactly what is missing", async () => {
    const { planId } = await loadLaiChau();
    await addMember(1001, "Cán bộ Sở Nội vụ", "focal", "SNV");
    await addMember(1002, "Cán bộ UBND", "focal", "UBND");
    const ubnd = await agencyId("UBND");
    const march = await MilestoneModel.find({ plan: planId, months: 3 }).lean();
    const ubndMilestones = march.filter((m) => m.allAgencies || m.leadAgencies.map(String).includes(ubnd) || m.coordinatingAgencies.map(String).includes(ubnd));
    for (const milestone of ubndMilestones) {
      await ProgressReportModel.create({ plan: planId, milestone: milestone._id, agency: ubnd, period: "2018-03", status: "in-progress", percent: 30, reportedAt: new Date(), version: 1 });
    }

    const tenth = await runJob("reminders", at("2018-03-10T08:30:00+07:00"), schedules);
    expect(tenth.key).toBe("reminders:2018-03-10");
    expect(await messagesTo(1002)).toHaveLength(0);
    const [snv] = await messagesTo(1001);
    expect(String((snv!.payload as { text: string }).text)).toContain("còn 7 nhiệm vụ chưa báo cáo");
    // Not the last reminder of the month: the secretariat hears nothing yet.
    expect(await messagesTo(-100500)).toHaveLength(0);

    const twentieth = await runJob("reminders", at("2018-03-20T08:30:00+07:00"), schedules);
    expect(twentieth.enqueued).toBeGreaterThan(1);
    const [silent] = await messagesTo(-100500);
    const silentText = String((silent!.payload as { text: string }).text);
    expect(silentText).toContain("Đơn vị chưa báo cáo tháng 3/2018");
    expect(silentText).toContain("Sở Nội vụ");
    expect(silentText).not.toContain("Ủy ban nhân dân tỉnh Lai Châu:");
    expect(silentText).toContain("chưa có cán bộ đầu mối");
  });
});
