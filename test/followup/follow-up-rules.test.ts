import { describe, expect, it } from "vitest";
import { AgencyReports, dueForAgency, pushListForAgency, roleOf, unansweredForAgency } from "../../src/followup/due-milestones.ts";
import type { AgencyView, MilestoneView, ReportView } from "../../src/followup/milestone-view.ts";
import { leadAnswersFromReports, monthFigures, overdueTasks, sumAnswers } from "../../src/followup/month-figures.ts";

const base = { planId: "p", year: 2018, row: "1", recurring: false, due: null, leadAgencyIds: [], coordinatingAgencyIds: [], allAgencies: false, allAgenciesRole: null };
const milestone = (id: string, position: number, fields: Partial<MilestoneView>): MilestoneView => ({ ...base, id, position, text: `Việc ${id}`, months: [], ...fields });

const tuyenTruyen = milestone("m1", 0, { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], recurring: true, allAgencies: true, allAgenciesRole: "lead", coordinatingAgencyIds: ["bao"] });
const khenThuong = milestone("m2", 1, { months: [2, 3], leadAgencyIds: ["ubnd"], coordinatingAgencyIds: ["hd"], allAgencies: true, allAgenciesRole: "coordinating" });
const soKet = milestone("m3", 2, { months: [6, 7], leadAgencyIds: ["snv"] });
const hanChot = milestone("m4", 3, { months: [3], due: "2018-03-15", leadAgencyIds: ["snv"] });
const milestones = [soKet, khenThuong, tuyenTruyen, hanChot];

const agencies: AgencyView[] = ["ubnd", "hd", "snv", "bao"].map((id) => ({ id, code: id.toUpperCase(), name: id, bloc: null }));
const march = { year: 2018, month: 3 };
const report = (milestoneId: string, agencyId: string, period: string, status: ReportView["status"]): ReportView => ({
  milestoneId,
  agencyId,
  period,
  status,
  percent: status === "done" ? 100 : 50,
  note: "",
  reportedAt: new Date(`${period}-10T02:00:00Z`),
});

describe("who must do what in a month", () => {
  it("takes the role the plan gives, and every agency's part in all-agency tasks", () => {
    expect(roleOf(khenThuong, "ubnd")).toBe("lead");
    expect(roleOf(khenThuong, "hd")).toBe("coordinating");
    expect(roleOf(khenThuong, "snv")).toBe("coordinating");
    expect(roleOf(tuyenTruyen, "snv")).toBe("lead");
    expect(roleOf(tuyenTruyen, "bao")).toBe("coordinating");
    expect(roleOf(soKet, "ubnd")).toBeNull();
  });

  it("lists the month's milestones by role, in plan order", () => {
    const due = dueForAgency(milestones, "snv", march);
    expect(due.lead.map((m) => m.id)).toEqual(["m1", "m4"]);
    expect(due.coordinating.map((m) => m.id)).toEqual(["m2"]);
    expect(dueForAgency(milestones, "snv", { year: 2019, month: 3 })).toEqual({ lead: [], coordinating: [] });
    expect(dueForAgency(milestones, "snv", { year: 2018, month: 6 }).lead.map((m) => m.id)).toEqual(["m1", "m3"]);
  });

  it("drops one-off work finished in an earlier month, never recurring work", () => {
    const reports = new AgencyReports([report("m2", "ubnd", "2018-02", "done"), report("m1", "ubnd", "2018-02", "done")]);
    const push = pushListForAgency(milestones, "ubnd", march, reports);
    expect(push.lead.map((m) => m.id)).toEqual(["m1"]);
  });

  it("finds what is still unanswered this month", () => {
    const reports = new AgencyReports([report("m1", "snv", "2018-03", "in-progress")]);
    const missing = unansweredForAgency(milestones, "snv", march, reports);
    expect(missing.lead.map((m) => m.id)).toEqual(["m4"]);
    expect(missing.coordinating.map((m) => m.id)).toEqual(["m2"]);
  });
});

describe("how the month stands", () => {
  const reports = [report("m2", "ubnd", "2018-03", "done"), report("m2", "hd", "2018-03", "blocked"), report("m1", "snv", "2018-03", "in-progress"), report("m2", "snv", "2018-02", "done")];

  const figures = monthFigures({ month: march, milestones, agencies, answers: sumAnswers(milestones, agencies, march, reports), inUse: true });

  it("counts answers per milestone across the agencies responsible", () => {
    expect(figures.tasks.map((t) => t.milestone.id)).toEqual(["m1", "m2", "m4"]);
    expect(figures.tasks[1]).toMatchObject({ responsible: 4, counts: { done: 1, "done-earlier": 1, blocked: 1, "in-progress": 0, "not-started": 0, silent: 1 } });
    expect(figures.tasks[0]).toMatchObject({ responsible: 4, counts: { "in-progress": 1, silent: 3 } });
    expect(figures.tasks[2]).toMatchObject({ responsible: 1, counts: { silent: 1 } });
  });

  it("tells the agencies still owing answers, with how many", () => {
    expect(figures.agencies.filter((entry) => entry.missing > 0).map((entry) => [entry.agency.id, entry.state, entry.missing])).toEqual([
      ["ubnd", "partly", 1],
      ["hd", "partly", 1],
      ["snv", "partly", 1],
      ["bao", "not-reported", 2],
    ]);
  });

  it("finds overdue milestones by their lead agencies, after the window or the due date", () => {
    const overdue = (month: { year: number; month: number }, today: string, given: ReportView[]) => overdueTasks({ month, today, milestones, agencies, leads: leadAnswersFromReports(given) });
    expect(overdue(march, "2018-03-10", reports)).toEqual([]);
    const april = overdue({ year: 2018, month: 4 }, "2018-04-01", reports);
    expect(april.map((o) => [o.milestone.id, o.agencies.map((a) => [a.agency.id, a.lastStatus])])).toEqual([["m4", [["snv", null]]]]);
    expect(overdue(march, "2018-03-16", reports).map((o) => o.milestone.id)).toEqual(["m4"]);
    const august = overdue({ year: 2018, month: 8 }, "2018-08-01", [...reports, report("m3", "snv", "2018-07", "in-progress")]);
    expect(august.map((o) => [o.milestone.id, o.agencies[0]?.lastStatus])).toEqual([["m3", "in-progress"], ["m4", null]]);
  });
});
