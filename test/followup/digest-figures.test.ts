import { describe, expect, it } from "vitest";
import { changeSince, computeDigest } from "../../src/digest/digest-figures.ts";
import type { AgencyView, MilestoneView, ReportView } from "../../src/followup/milestone-view.ts";

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

describe("the digest's figures", () => {
  const figures = computeDigest({
    month: { year: 2018, month: 3 },
    today: "2018-03-12",
    milestones,
    agencies,
    reports,
    blocNames: new Map([
      ["KTH", "Khối tổng hợp"],
      ["KH", "Khối huyện"],
    ]),
    rounds: [{ seq: 1, title: "Đợt 1", submitted: 2, asked: 5, collective: 3, individual: 9, daysLeft: 4 }],
    noBlocName: "Không thuộc khối",
  });

  it("counts this month's answers in all and by bloc, in the blocs' order", () => {
    // m1: four agencies (done, blocked, silent ×2); m2: UBND in progress.
    expect(figures.total).toEqual({ done: 1, "in-progress": 1, blocked: 1, "not-started": 0, silent: 2 });
    expect(figures.byBloc).toEqual([
      { bloc: "KTH", name: "Khối tổng hợp", counts: { done: 1, "in-progress": 0, blocked: 1, "not-started": 0, silent: 0 } },
      { bloc: "KH", name: "Khối huyện", counts: { done: 0, "in-progress": 0, blocked: 0, "not-started": 0, silent: 1 } },
      { bloc: "-", name: "Không thuộc khối", counts: { done: 0, "in-progress": 1, blocked: 0, "not-started": 0, silent: 1 } },
    ]);
  });

  it("lists the overdue tasks with the most agencies late first, and the silent agencies", () => {
    expect(figures.overdueCount).toBe(1);
    expect(figures.overdue).toEqual([{ text: "Tổng kết năm 2017", row: "2", agencies: ["UBND tỉnh"] }]);
    expect(figures.silent).toEqual(["UBND tỉnh", "Tam Đường"]);
    expect(figures.rounds[0]).toMatchObject({ submitted: 2, asked: 5, daysLeft: 4 });
  });

  it("says what changed since the previous digest", () => {
    expect(changeSince(figures, null)).toBeNull();
    const previous = { ...figures, total: { ...figures.total, done: 0 }, silent: ["a", "b", "c"], overdueCount: 0 };
    expect(changeSince(figures, previous)).toEqual({ done: 1, silent: -1, overdue: 1 });
  });
});
