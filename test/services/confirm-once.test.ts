import { describe, expect, it } from "vitest";
import { AnswerSheetModel, sheetCode } from "../../models/answer-sheet.ts";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { GroupNoticeModel } from "../../models/group-notice.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { BotDeps } from "../../src/bot-deps.ts";
import { announceReport } from "../../src/services/group-notices.ts";
import { submitProgressReport } from "../../src/services/progress-reports.ts";
import { agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();

describe("a confirmation", () => {
  it("saves its draft once, however often it comes (a replay after a kill -9, a double press)", async () => {
    const { planId } = await loadLaiChau();
    const milestone = (await MilestoneModel.findOne({ plan: planId }).lean())!;
    const submission = {
      milestoneId: String(milestone._id),
      agencyId: await agencyId("UBND"),
      period: "2018-03",
      status: "in-progress" as const,
      percent: 40,
      note: "",
      attachments: [],
      reporter: { memberId: null, telegramId: 1, name: "Minh" },
      submissionId: "dlg1",
    };
    const first = await submitProgressReport(submission, new Date("2018-03-05T02:00:00Z"));
    const again = await submitProgressReport(submission, new Date("2018-03-05T02:00:05Z"));
    expect(first).toMatchObject({ version: 1, repeated: false });
    expect(again).toMatchObject({ version: 1, repeated: true });
    // Another dialogue's answer is a new version, as before.
    expect(await submitProgressReport({ ...submission, percent: 60, submissionId: "dlg2" }, new Date("2018-03-06T02:00:00Z"))).toMatchObject({ version: 2, repeated: false });
    const report = (await ProgressReportModel.findOne().lean())!;
    expect(report.versions).toHaveLength(2);
    // Stamped by the time given (the bot's clock), not the machine's.
    expect([report.createdAt, report.updatedAt]).toEqual([new Date("2018-03-05T02:00:00Z"), new Date("2018-03-06T02:00:00Z")]);
    expect(await AuditEntryModel.countDocuments({ action: "report.submitted" })).toBe(2);
    // The month's answer sheet holds the latest version.
    const sheet = (await AnswerSheetModel.findOne({ period: "2018-03", agency: report.agency }).lean())!;
    expect(sheet.answers).toEqual({ [String(milestone._id)]: sheetCode({ version: 2, status: "in-progress" }) });
  });

  it("writes a version's audit entry and group line once, also when a replay finds the version saved before them (a kill -9 between the writes)", async () => {
    const { planId } = await loadLaiChau();
    const milestone = (await MilestoneModel.findOne({ plan: planId }).lean())!;
    const submission = { milestoneId: String(milestone._id), agencyId: await agencyId("UBND"), period: "2018-05", status: "done" as const, percent: 100, note: "", attachments: [], reporter: { memberId: null, telegramId: 1, name: "Minh" }, submissionId: "dlg-crash" };
    const deps = { config: { defaultLocale: "vi" } } as BotDeps;
    await submitProgressReport(submission, new Date("2018-05-05T02:00:00Z"));
    // The process died after the report and its sheets: no entry, no line.
    await AuditEntryModel.deleteMany({});
    await GroupNoticeModel.deleteMany({});
    for (const at of ["2018-05-05T02:00:09Z", "2018-05-05T02:00:12Z"]) {
      const replayed = await submitProgressReport(submission, new Date(at));
      expect(replayed).toMatchObject({ version: 1, repeated: true });
      await announceReport(replayed, { status: "done", percent: 100 }, deps, new Date(at));
    }
    expect(await AuditEntryModel.countDocuments({ action: "report.submitted" })).toBe(1);
    const lines = await GroupNoticeModel.find().lean();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.html).toContain("Ủy ban nhân dân tỉnh Lai Châu");
  });

  it("numbers versions made at once without losing one, keeps a note that looks like a field as text, and refuses what the schema refuses", async () => {
    const { planId } = await loadLaiChau();
    const milestone = (await MilestoneModel.findOne({ plan: planId }).lean())!;
    const base = { milestoneId: String(milestone._id), agencyId: await agencyId("UBND"), period: "2018-04", status: "in-progress" as const, percent: 40, attachments: [], reporter: { memberId: null, telegramId: 1, name: "Minh" } };
    const saved = await Promise.all(["$version", "$$ROOT", "{ $literal: 1 }", "Đã xong"].map((note, i) => submitProgressReport({ ...base, note, submissionId: `at-once-${i}` }, new Date("2018-04-05T02:00:00Z"))));
    expect(saved.map((result) => result.version).sort()).toEqual([1, 2, 3, 4]);
    const report = (await ProgressReportModel.findOne({ period: "2018-04" }).lean())!;
    expect(report.version).toBe(4);
    expect(report.versions.map((version) => version.version)).toEqual([1, 2, 3, 4]);
    expect(report.versions.map((version) => version.note).sort()).toEqual(["$$ROOT", "$version", "{ $literal: 1 }", "Đã xong"]);
    expect(String(report.plan)).toBe(String(planId));
    await expect(submitProgressReport({ ...base, percent: 140, note: "", submissionId: "too-much" }, new Date("2018-04-06T02:00:00Z"))).rejects.toThrow(/percent/);
    expect((await ProgressReportModel.findOne({ period: "2018-04" }).lean())!.version).toBe(4);
  });
});
