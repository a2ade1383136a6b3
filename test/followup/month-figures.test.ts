import { describe, expect, it } from "vitest";
import type { AgencyView, MilestoneView, ReportView } from "../../src/followup/milestone-view.ts";
import {
  agencyMatrix,
  duePairs,
  figuresByBloc,
  figuresForMonths,
  groupReportsByAgency,
  leadAnswersFromReports,
  monthFigures,
  monthsBetween,
  overdueTasks,
  percentOf,
  silentInEvery,
  sumAnswers,
  type MonthAnswers,
} from "../../src/followup/month-figures.ts";

const base = { planId: "p", year: 2018, row: "1", recurring: false, due: null, leadAgencyIds: [], coordinatingAgencyIds: [], allAgencies: false, allAgenciesRole: null };
const task = (id: string, position: number, fields: Partial<MilestoneView>): MilestoneView => ({ ...base, id, position, text: `Việc ${id}`, months: [], ...fields });

// Every agency, every month; a one-off for everyone in Feb–Mar; two named tasks in March.
const tuyenTruyen = task("m1", 0, { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], recurring: true, allAgencies: true, allAgenciesRole: "coordinating" });
const khenThuong = task("m2", 1, { months: [2, 3], allAgencies: true, allAgenciesRole: "lead" });
const soKet = task("m3", 2, { months: [3], leadAgencyIds: ["snv"], coordinatingAgencyIds: ["stc", "gone"] });
const hanChot = task("m4", 3, { months: [3], due: "2018-03-15", leadAgencyIds: ["ubnd", "snv"] });
const milestones = [hanChot, soKet, khenThuong, tuyenTruyen];

const agencies: AgencyView[] = [
  { id: "ubnd", code: "UBND", name: "UBND tỉnh", bloc: null },
  { id: "snv", code: "SNV", name: "Sở Nội vụ", bloc: "KTH" },
  { id: "stc", code: "STC", name: "Sở Tài chính", bloc: "KTH" },
  { id: "td", code: "TD", name: "Tam Đường", bloc: "KH" },
];
const march = { year: 2018, month: 3 };
const report = (milestoneId: string, agencyId: string, period: string, status: ReportView["status"], day = 10): ReportView => ({
  milestoneId,
  agencyId,
  period,
  status,
  percent: status === "done" ? 100 : 50,
  note: "",
  reportedAt: new Date(`${period}-${String(day).padStart(2, "0")}T02:00:00Z`),
});

// SNV answers all four; STC answers one of its three; TD finished m2 in February and says nothing in March;
// UBND: nothing. A report by an agency the task does not name ("td" on m3) and one by an agency no longer in the
// directory ("gone") count nowhere.
const reports = [
  report("m1", "snv", "2018-03", "in-progress"),
  report("m2", "snv", "2018-03", "done"),
  report("m3", "snv", "2018-03", "not-started"),
  report("m4", "snv", "2018-03", "blocked"),
  report("m1", "stc", "2018-03", "done"),
  report("m2", "td", "2018-02", "done"),
  report("m3", "td", "2018-03", "done"),
  report("m3", "gone", "2018-03", "done"),
];

const figuresOf = (inUse = true) => monthFigures({ month: march, milestones, agencies, answers: sumAnswers(milestones, agencies, march, reports), inUse });

describe("an agency's month", () => {
  const figures = figuresOf();
  const of = (id: string) => figures.agencies.find((entry) => entry.agency.id === id)!;

  it("has reported when nothing it owes is missing, partly when some is, not when none is answered", () => {
    expect(figures.agencies.map((entry) => [entry.agency.id, entry.state])).toEqual([
      ["ubnd", "not-reported"],
      ["snv", "reported"],
      ["stc", "partly"],
      ["td", "not-reported"],
    ]);
    expect(of("stc")).toMatchObject({ due: 3, owed: 3, answered: 1, missing: 2 });
  });

  it("counts one-off work done in an earlier month as done earlier: not owed again, not an answer for this month", () => {
    expect(of("td")).toMatchObject({ due: 2, owed: 1, answered: 0, missing: 1, counts: { "done-earlier": 1, silent: 1 } });
    // With the recurring task answered, nothing is missing: reported.
    const answered = monthFigures({ month: march, milestones, agencies, answers: sumAnswers(milestones, agencies, march, [...reports, report("m1", "td", "2018-03", "not-started")]), inUse: true });
    expect(answered.agencies.find((entry) => entry.agency.id === "td")).toMatchObject({ state: "reported", owed: 1, answered: 1 });
  });

  it("has nothing due when it owes nothing, and is then in no count of agencies", () => {
    const april = monthFigures({ month: { year: 2018, month: 4 }, milestones: [khenThuong], agencies, answers: sumAnswers([khenThuong], agencies, { year: 2018, month: 4 }, []), inUse: true });
    expect(april.agencies.every((entry) => entry.state === "nothing-due" && !entry.asked)).toBe(true);
    expect(april.totals).toMatchObject({ owing: 0, reported: 0, partly: 0, notReported: 0, share: null });
    expect(percentOf(april.totals.share)).toBe("—");
  });

  it("was asked only when it owed something and dondoc was in use", () => {
    expect(figures.agencies.map((entry) => entry.asked)).toEqual([true, true, true, true]);
    expect(figuresOf(false).agencies.some((entry) => entry.asked)).toBe(false);
  });
});

describe("the month's totals", () => {
  const figures = figuresOf();

  it("count agencies by state and tasks owed and answered, per agency and task", () => {
    expect(figures.totals).toMatchObject({ owing: 4, reported: 1, partly: 1, notReported: 2 });
    // Due: UBND 3 (m1, m2, m4), SNV 4, STC 3 (m1, m2, m3), TD 2 — 12; owed 11 (TD's m2 was done in February).
    expect(figures.totals).toMatchObject({ due: 12, owed: 11, answered: 5 });
    expect(figures.totals.counts).toEqual({ done: 2, "in-progress": 1, blocked: 1, "not-started": 1, "done-earlier": 1, silent: 6 });
    expect(percentOf(figures.totals.share)).toBe("45%");
  });

  it("count per task the same answers, over the agencies each is due to", () => {
    expect(figures.tasks.map((entry) => [entry.milestone.id, entry.responsible, entry.counts.silent])).toEqual([
      ["m1", 4, 2],
      ["m2", 4, 2],
      ["m3", 2, 1],
      ["m4", 2, 1],
    ]);
    const sum = (key: "done" | "silent") => figures.tasks.reduce((total, entry) => total + entry.counts[key], 0);
    expect(sum("done")).toBe(figures.totals.counts.done);
    expect(sum("silent")).toBe(figures.totals.counts.silent);
  });

  it("agree with the answers read pair by pair", () => {
    const pairs = [...duePairs(milestones, agencies, march, groupReportsByAgency(reports))];
    expect(pairs).toHaveLength(figures.totals.due);
    expect(pairs.filter((pair) => pair.answer === "silent")).toHaveLength(figures.totals.counts.silent);
    expect(pairs.find((pair) => pair.milestone.id === "m4" && pair.agency.id === "snv")).toMatchObject({ role: "lead", answer: "blocked", report: { status: "blocked" } });
  });

  it("group by emulation bloc in the blocs' order, agencies in no bloc last", () => {
    const blocs = figuresByBloc(figures, ["KH", "KTH"]);
    expect(blocs.map((bloc) => [bloc.bloc, bloc.totals.owing, bloc.totals.reported, bloc.totals.answered, bloc.totals.owed])).toEqual([
      ["KH", 1, 0, 0, 1],
      ["KTH", 2, 1, 5, 7],
      [null, 1, 0, 0, 3],
    ]);
  });
});

describe("silence over months", () => {
  const answersOf = (month: { year: number; month: number }, given: ReportView[]): MonthAnswers => sumAnswers(milestones, agencies, month, given);
  const months = monthsBetween({ year: 2018, month: 1 }, { year: 2018, month: 3 });

  it("counts only months the agency was asked", () => {
    const range = figuresForMonths({
      months,
      milestones,
      agencies,
      answers: new Map(months.map((month) => [`2018-0${month.month}`, answersOf(month, reports.filter((r) => r.period <= `2018-0${month.month}`))])),
      inUse: new Set(["2018-03"]),
    });
    // January and February before dondoc was in use: nobody has been silent two months running.
    expect(silentInEvery(range.slice(1))).toEqual([]);
    const inUse = figuresForMonths({ months, milestones, agencies, answers: new Map(), inUse: new Set(["2018-02", "2018-03"]) });
    expect(silentInEvery(inUse.slice(1)).map((agency) => agency.id)).toEqual(["ubnd", "snv", "stc", "td"]);
    const withReports = figuresForMonths({ months, milestones, agencies, answers: new Map(months.map((month) => [`2018-0${month.month}`, answersOf(month, reports)])), inUse: new Set(["2018-02", "2018-03"]) });
    // TD answered in February; SNV and STC in March.
    expect(silentInEvery(withReports.slice(1)).map((agency) => agency.id)).toEqual(["ubnd"]);
  });

  it("gives a dashboard's rows: each agency's months side by side, with the row's totals", () => {
    const range = figuresForMonths({ months, milestones, agencies, answers: new Map([["2018-03", answersOf(march, reports)]]), inUse: new Set(["2018-03"]) });
    const rows = agencyMatrix(range);
    expect(rows.map((row) => row.agency.id)).toEqual(["ubnd", "snv", "stc", "td"]);
    expect(rows[1]!.months.map((cell) => cell.state)).toEqual(["not-reported", "not-reported", "reported"]);
    expect(rows[1]!.totals).toMatchObject({ owed: 1 + 2 + 4, answered: 4 });
    expect(monthsBetween({ year: 2018, month: 11 }, { year: 2019, month: 2 }).map((m) => `${m.month}/${m.year}`)).toEqual(["11/2018", "12/2018", "1/2019", "2/2019"]);
  });
});

describe("overdue tasks", () => {
  const leads = leadAnswersFromReports([...reports, report("m2", "ubnd", "2018-03", "in-progress", 5), report("m2", "ubnd", "2018-02", "blocked", 20)]);

  it("are one-off tasks past their window, or past their due date, not reported done by a lead agency", () => {
    expect(overdueTasks({ month: march, today: "2018-03-10", milestones, agencies, leads })).toEqual([]);
    const late = overdueTasks({ month: march, today: "2018-03-16", milestones, agencies, leads });
    expect(late.map((entry) => [entry.milestone.id, entry.agencies.map((a) => [a.agency.id, a.lastStatus])])).toEqual([["m4", [["ubnd", null], ["snv", "blocked"]]]]);
    const april = overdueTasks({ month: { year: 2018, month: 4 }, today: "2018-04-02", milestones, agencies, leads });
    // In plan order. m2's leads are every agency: SNV and TD reported it done; UBND's last answer is March's.
    expect(april.map((entry) => [entry.milestone.id, entry.agencies.map((a) => [a.agency.id, a.lastStatus])])).toEqual([
      ["m2", [["ubnd", "in-progress"], ["stc", null]]],
      ["m3", [["snv", "not-started"]]],
      ["m4", [["ubnd", null], ["snv", "blocked"]]],
    ]);
  });
});
