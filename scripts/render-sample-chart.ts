import { readFileSync, writeFileSync } from "node:fs";
import { readAgencyCsv } from "../src/agencies/agency-csv.ts";
import { AgencyDirectory } from "../src/agencies/resolve-units.ts";
import { computeDigest } from "../src/digest/digest-figures.ts";
import type { MilestoneView, ReportView } from "../src/followup/milestone-view.ts";
import { monthFigures, sumAnswers } from "../src/followup/month-figures.ts";
import { translatorFor } from "../src/i18n.ts";
import { digestChart } from "../src/messages/digest-message.ts";
import { parsePlan } from "../src/plan/parse-plan.ts";
import { renderStackedBarPng } from "../src/reports/progress-chart.ts";

/**
 * `npm run docs:chart`: draws docs/digest-chart.png, the chart leaders receive, for March 2018 of
 * the Lai Châu plan with a fixed, made-up set of answers (no database needed).
 */
const read = readAgencyCsv(readFileSync(new URL("../data/agencies/lai-chau.csv", import.meta.url), "utf8"));
if (!("rows" in read)) throw new Error("agency CSV does not read");
const agencies = read.rows.map((row) => ({ id: row.code, code: row.code, name: row.name, bloc: row.bloc?.code ?? null }));
const blocNames = new Map(read.rows.filter((row) => row.bloc).map((row) => [row.bloc!.code, row.bloc!.name]));
const directory = new AgencyDirectory(read.rows.map((row) => ({ id: row.code, code: row.code, name: row.name, aliases: row.aliases, kind: row.kind })));
const plan = parsePlan(readFileSync(new URL("../data/samples/lai-chau-2018.txt", import.meta.url), "utf8"));
const milestones: MilestoneView[] = plan.milestones.map((m, position) => ({
  id: `m${position}`,
  planId: "lai-chau-2018",
  year: plan.year ?? 2018,
  row: m.row,
  position,
  text: m.text,
  months: m.months,
  recurring: m.recurring,
  due: m.due,
  leadAgencyIds: m.units.filter((u) => u.role === "lead").flatMap((u) => directory.resolve(u.name).agencyIds),
  coordinatingAgencyIds: m.units.filter((u) => u.role === "coordinating").flatMap((u) => directory.resolve(u.name).agencyIds),
  allAgencies: m.allAgencies,
  allAgenciesRole: m.allAgenciesRole ?? null,
}));
// A fixed pattern of answers: most agencies have answered something by mid-March.
const statuses = ["done", "in-progress", "done", "blocked", "done", "in-progress", "not-started"] as const;
const reports: ReportView[] = [];
agencies.forEach((agency, a) =>
  milestones
    .filter((m) => m.months.includes(3))
    .forEach((m, i) => {
      if ((a + i) % 5 === 4) return;
      const status = statuses[(a * 3 + i) % statuses.length]!;
      reports.push({ milestoneId: m.id, agencyId: agency.id, period: "2018-03", status, percent: 50, note: "", reportedAt: new Date("2018-03-10T02:00:00Z") });
    }),
);
const month = { year: 2018, month: 3 };
const t = translatorFor("vi");
// dondoc in use from March: January and February count against no one.
const figuresOf = (asked: typeof month, given: ReportView[]) => monthFigures({ month: asked, milestones, agencies, answers: sumAnswers(milestones, agencies, asked, given), inUse: asked.month === 3 });
const figures = computeDigest({
  figures: figuresOf(month, reports),
  monthsBefore: [figuresOf({ year: 2018, month: 1 }, []), figuresOf({ year: 2018, month: 2 }, [])],
  overdue: [],
  blocNames,
  rounds: [],
  noBlocName: t("digest-no-bloc"),
});
writeFileSync(new URL("../docs/digest-chart.png", import.meta.url), await renderStackedBarPng(digestChart(figures, month, t)));
console.log("docs/digest-chart.png written");
