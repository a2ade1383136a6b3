import { describe, expect, it } from "vitest";
import { changeSince, computeDigest } from "../../src/digest/digest-figures.ts";
import type { AgencyView, MilestoneView, ReportView } from "../../src/followup/milestone-view.ts";
import { leadAnswersFromReports, monthFigures, overdueTasks, sumAnswers } from "../../src/followup/month-figures.ts";

const base = { planId: "p", year: 2018, recurring: false, due: null, leadAgencyIds: [], coordinatingAgencyIds: [], allAgencies: false, allAgenciesRole: null };
const milestones: MilestoneView[] = [
  { ...base, id: "m1", position: 0, row: "1", text: "Tuyên truyền điển hình", months: [3], allAgencies: true, allAgenciesRole: "lead" },
  { ...base, id: "m2", position: 1, row: "3", text: "Quyết định khen thưởng", months: [2, 3], leadAgencyIds: ["ubnd"] },
  { ...base, id: "m3", position: 2, row: "2", text: "Tổng kết năm 2017", months: [1, 2], leadAgencyIds: ["ubnd", "snv"] },
];
const agencies: AgencyView[] = [
  { id: "ubnd", code: "UBND", name: "UBND tỉnh", bloc: null },
  { id: "snv", code: "SNV", name: "Sở Nội vụ", bloc: "KTH" },
  { id: "stc", code: "STC", name: "Sở Tài chính", bloc: "KTH" },
  { id: "td", code: "TD", name: "Tam Đường", bloc: "KH" },
];
const report = (milestoneId: string, agencyId: string, period: string, status: ReportView["status"]): ReportView => ({
  milestoneId,
  agencyId,
  period,
  status,
  percent: 0,
  note: "",
  reportedAt: new Date(`${period}-05T00:00:00Z`),
});
const reports = [report("m1", "snv", "2018-03", "done"), report("m1", "stc", "2018-03", "blocked"), report("m2", "ubnd", "2018-03", "in-progress"), report("m3", "snv", "2018-02", "done")];

const blocNames = new Map([
  ["KTH", "Khối tổng hợp"],
  ["KH", "Khối huyện"],
]);
const figuresOf = (month: number, inUse: boolean) => {
  const asked = { year: 2018, month };
  return monthFigures({ month: asked, milestones, agencies, answers: sumAnswers(milestones, agencies, asked, reports), inUse });
};
const digestWith = (inUse: { january: boolean }) =>
  computeDigest({
    figures: figuresOf(3, true),
    monthsBefore: [figuresOf(1, inUse.january), figuresOf(2, true)],
    overdue: overdueTasks({ month: { year: 2018, month: 3 }, today: "2018-03-12", milestones, agencies, leads: leadAnswersFromReports(reports) }),
    blocNames,
    rounds: [{ seq: 1, title: "Đợt 1", submitted: 2, asked: 5, collective: 3, individual: 9, daysLeft: 4 }],
    noBlocName: "Không thuộc khối",
  });

describe("the digest's figures", () => {
  const figures = digestWith({ january: true });

  it("count agencies by state and tasks answered, in all and by bloc, in the blocs' order", () => {
    // m1 is due to all four (SNV done, STC blocked); m2 to UBND (in progress): UBND partly, TD silent.
    expect(figures.totals).toMatchObject({ owing: 4, reported: 2, partly: 1, notReported: 1, owed: 5, answered: 3 });
    expect(figures.totals.counts).toEqual({ done: 1, "in-progress": 1, blocked: 1, "not-started": 0, "done-earlier": 0, silent: 2 });
    expect(figures.byBloc.map((bloc) => [bloc.name, bloc.totals.reported, bloc.totals.owing, bloc.totals.answered, bloc.totals.owed])).toEqual([
      ["Khối tổng hợp", 2, 2, 2, 2],
      ["Khối huyện", 0, 1, 0, 1],
      ["Không thuộc khối", 0, 1, 1, 2],
    ]);
  });

  it("lists the overdue tasks with the most agencies late first, and who has not reported or reported partly", () => {
    expect(figures.overdueCount).toBe(1);
    expect(figures.overdue).toEqual([{ text: "Tổng kết năm 2017", row: "2", agencies: ["UBND tỉnh"] }]);
    expect(figures.notReported).toEqual(["Tam Đường"]);
    expect(figures.partly).toEqual(["UBND tỉnh"]);
    expect(figures.rounds[0]).toMatchObject({ submitted: 2, asked: 5, daysLeft: 4 });
  });

  it("names who reported in neither of the two months before, only when both were months dondoc asked", () => {
    expect(figures.silentRunning).toEqual({ periods: ["2018-01", "2018-02"], agencies: ["UBND tỉnh"] });
    expect(digestWith({ january: false }).silentRunning.agencies).toEqual([]);
  });

  it("says what changed since the previous digest, and not against one kept under other definitions", () => {
    expect(changeSince(figures, null)).toBeNull();
    expect(changeSince(figures, { period: "2018-03", total: { done: 0 }, silent: [], overdueCount: 0 })).toBeNull();
    const previous = { ...figures, totals: { ...figures.totals, reported: 1, notReported: 3, counts: { ...figures.totals.counts, done: 0 } }, overdueCount: 0 };
    expect(changeSince(figures, JSON.parse(JSON.stringify(previous)))).toEqual({ reported: 1, notReported: -2, done: 1, overdue: 1 });
  });
});
