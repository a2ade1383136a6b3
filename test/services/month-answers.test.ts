import { describe, expect, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { JobRunModel } from "../../models/job-run.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { AnswerSheetModel, recordInSheets, sheetCode } from "../../models/answer-sheet.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { PROGRESS_STATUSES } from "../../src/followup/milestone-view.ts";
import { leadAnswersFromReports, overdueTasks, sumAnswers, type MonthAnswers } from "../../src/followup/month-figures.ts";
import { mergeAgency, retireAgency } from "../../src/services/agency-changes.ts";
import { ensureAnswerSheets } from "../../src/services/answer-sheets.ts";
import { loadAgencyViews, loadMilestoneViews, loadReportViews } from "../../src/services/follow-up-data.ts";
import { loadMonthAnswers, loadOverdueTasks, periodsInUse } from "../../src/services/month-figures-data.ts";
import { submitProgressReport } from "../../src/services/progress-reports.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The month's answers as the answer sheets keep them are the answers summed report by report,
 * in every month of a random province: tasks for everyone and named, recurring and one-off,
 * answers on tasks not due or by agencies not named, reports sent again, an agency merged into
 * another and one retired; and so they stay when writes come twice or out of order, when a
 * crash fell between a report and its sheets, and on a database whose reports predate them.
 */
useTestDatabase();
const YEAR = 2026;

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function seedRandomProvince(seed: number): Promise<void> {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const agencies = await AgencyModel.insertMany(Array.from({ length: 24 }, (_, i) => ({ code: `A${i}`, name: `Cơ quan ${i}`, kind: "department", bloc: i % 3 ? `K${i % 3}` : null })));
  const plan = await PlanModel.create({ identity: `p-${seed}`, year: YEAR, title: "Kế hoạch" });
  const milestones = await MilestoneModel.insertMany(
    Array.from({ length: 22 }, (_, i) => {
      const everyone = random() < 0.45;
      const start = 1 + Math.floor(random() * 9);
      const recurring = random() < 0.25;
      return {
        plan: plan._id,
        key: `k${i}`,
        position: i,
        row: String(i + 1),
        text: `Nhiệm vụ ${i + 1}`,
        months: recurring ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [start, start + 1, start + 2].slice(0, 1 + Math.floor(random() * 3)),
        recurring,
        due: random() < 0.15 ? `${YEAR}-0${start}-15` : null,
        leadAgencies: random() < 0.8 ? [pick(agencies)._id, ...(random() < 0.4 ? [pick(agencies)._id] : [])] : [],
        coordinatingAgencies: Array.from({ length: Math.floor(random() * 4) }, () => pick(agencies)._id),
        allAgencies: everyone,
        allAgenciesRole: everyone ? pick(["lead", "coordinating"] as const) : null,
      };
    }),
  );
  const seen = new Set<string>();
  const reports = [];
  for (let n = 0; n < 900; n++) {
    const milestone = pick(milestones);
    const agency = pick(agencies);
    const period = `${YEAR}-0${1 + Math.floor(random() * 9)}`;
    const key = `${milestone._id}|${agency._id}|${period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Done often, so that one-off work done earlier is common.
    const status = random() < 0.4 ? "done" : pick(PROGRESS_STATUSES);
    const reportedAt = new Date(`${period}-${String(1 + Math.floor(random() * 27)).padStart(2, "0")}T03:00:00Z`);
    reports.push({ plan: plan._id, milestone: milestone._id, agency: agency._id, period, status, percent: 50, reportedAt, version: 1, versions: [{ version: 1, status, percent: 50, reportedAt }] });
  }
  await ProgressReportModel.insertMany(reports);
  // Some answers sent again with another answer: the latest counts.
  for (const report of reports.slice(0, 12)) {
    const status = PROGRESS_STATUSES[(PROGRESS_STATUSES.indexOf(report.status) + 1) % 4]!;
    await submitProgressReport(
      { milestoneId: String(report.milestone), agencyId: String(report.agency), period: report.period, status, percent: 30, note: "", attachments: [], reporter: { memberId: null, telegramId: 1, name: "Cán bộ" } },
      new Date(report.reportedAt.getTime() + 3_600_000),
    );
  }
  await mergeAgency("A3", "A4", `${YEAR}-05-01`, { via: "cli" }, new Date());
  await retireAgency("A5", `${YEAR}-06-30`, { via: "cli" }, new Date());
}

const plain = (answers: MonthAnswers) => ({
  period: answers.period,
  byAgency: Object.fromEntries([...answers.byAgency].sort(([a], [b]) => a.localeCompare(b))),
  byTask: Object.fromEntries([...answers.byTask].sort(([a], [b]) => a.localeCompare(b))),
});

describe("a month's answers read from the database", () => {
  // A province and ten months a seed: generous time on a busy machine.
  it.each([11, 29])("are the answers summed report by report, in every month, after versions, a merge and a retirement (seed %i)", { timeout: 90_000 }, async (seed) => {
    await seedRandomProvince(seed);
    const [milestones, agencies] = await Promise.all([loadMilestoneViews(YEAR), loadAgencyViews()]);
    expect(agencies).toHaveLength(22);
    let answered = 0;
    let doneEarlier = 0;
    for (let month = 1; month <= 10; month++) {
      const asked = { year: YEAR, month };
      const reference = sumAnswers(milestones, agencies, asked, await loadReportViews(YEAR, asked));
      const summed = await loadMonthAnswers(asked, milestones, agencies);
      expect(plain(summed), `seed ${seed}, month ${month}`).toEqual(plain(reference));
      answered += [...reference.byAgency.values()].reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
      doneEarlier += [...reference.byAgency.values()].reduce((sum, counts) => sum + (counts["done-earlier"] ?? 0), 0);

      const today = `${YEAR}-0${Math.min(month, 9)}-20`;
      const leads = leadAnswersFromReports(await loadReportViews(YEAR, asked, { scope: "year" }));
      expect(await loadOverdueTasks(asked, today), `overdue, seed ${seed}, month ${month}`).toEqual(overdueTasks({ month: asked, today, milestones, agencies, leads }));
    }
    // The comparison is not of empty sums.
    expect(answered).toBeGreaterThan(150);
    expect(doneEarlier).toBeGreaterThan(10);
  });

  it("are the reports' answers after writes twice, out of order, a crash before the sheets, and a database from before them", async () => {
    await seedRandomProvince(7);
    const [milestones, agencies] = await Promise.all([loadMilestoneViews(YEAR), loadAgencyViews()]);
    const agreeEveryMonth = async (label: string) => {
      for (let month = 1; month <= 10; month++) {
        const asked = { year: YEAR, month };
        const reference = sumAnswers(milestones, agencies, asked, await loadReportViews(YEAR, asked));
        expect(plain(await loadMonthAnswers(asked, milestones, agencies)), `${label}, month ${month}`).toEqual(plain(reference));
      }
    };
    // Every report's versions written again, oldest last: nothing moves back.
    const reports = await ProgressReportModel.find({}).lean();
    await recordInSheets(reports.map((report) => ({ ...report, status: "not-started" as const, version: report.version - 1 })).filter((entry) => entry.version > 0));
    await recordInSheets(reports);
    await agreeEveryMonth("written again");

    // A crash after a report was saved and before its sheets: the replay of the same confirmation mends them.
    const dueInApril = (r: (typeof reports)[number]) => {
      const task = milestones.find((m) => m.id === String(r.milestone));
      return task?.months.includes(4) && (task.allAgencies || [...task.leadAgencyIds, ...task.coordinatingAgencyIds].includes(String(r.agency)));
    };
    const report = reports.find((r) => r.status !== "done" && r.period === `${YEAR}-04` && dueInApril(r))!;
    const submission = { milestoneId: String(report.milestone), agencyId: String(report.agency), period: report.period, status: "done" as const, percent: 100, note: "", attachments: [], reporter: { memberId: null, telegramId: 1, name: "Cán bộ" }, submissionId: "draft-after-crash" };
    await submitProgressReport(submission, new Date(`${YEAR}-04-20T03:00:00Z`));
    await AnswerSheetModel.updateOne({ period: report.period, agency: report.agency }, { $set: { [`answers.${report.milestone}`]: sheetCode(report) } });
    await AnswerSheetModel.updateOne({ period: String(YEAR), agency: report.agency }, { $unset: { [`done.${report.milestone}`]: 1 } });
    expect((await submitProgressReport(submission, new Date(`${YEAR}-04-20T03:01:00Z`))).repeated).toBe(true);
    await agreeEveryMonth("after the replay");

    // A database whose reports came before the sheets: built once at start.
    await AnswerSheetModel.deleteMany({});
    await ensureAnswerSheets();
    await agreeEveryMonth("built from the reports");
    expect(await AnswerSheetModel.countDocuments()).toBeGreaterThan(100);
  });

  it("know the months dondoc was in use from its monthly push and reminders", async () => {
    await JobRunModel.create([
      { key: "monthly-push:2026-02", job: "monthly-push", asOf: new Date("2026-02-02T01:00:00Z"), startedAt: new Date() },
      { key: "reminders:2026-04-10", job: "reminders", asOf: new Date("2026-04-10T01:30:00Z"), startedAt: new Date() },
      { key: "weekly-digest:2026-05-04", job: "weekly-digest", asOf: new Date("2026-05-04T00:30:00Z"), startedAt: new Date() },
    ]);
    expect([...(await periodsInUse(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]))]).toEqual(["2026-02", "2026-04"]);
    expect(await periodsInUse([])).toEqual(new Set());
  });
});
