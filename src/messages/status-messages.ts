import type { Translate } from "../i18n.ts";
import type { MilestoneView, ProgressStatus } from "../followup/milestone-view.ts";
import { agenciesIn, percentOf, TASK_ANSWERS, type AgencyMonth, type FigureTotals, type MonthFigures, type OverdueTask, type TaskAnswer } from "../followup/month-figures.ts";
import type { YearEnd } from "../followup/year-end.ts";
import { describeMonths } from "../plan/describe-months.ts";
import type { YearMonth } from "../time/calendar.ts";
import { escapeHtml, shorten } from "./html.ts";

/** The secretariat's views of a month, as HTML text; splitting to Telegram's limit is the caller's. */
const TEXT_LIMIT = 160;

function milestoneLine(milestone: MilestoneView, number: number): string {
  const row = milestone.row ? `[${escapeHtml(milestone.row)}] ` : "";
  return `${number}. ${row}${escapeHtml(shorten(milestone.text, TEXT_LIMIT))}`;
}

export function statusLabel(status: TaskAnswer, t: Translate): string {
  return t(`status-${status}`);
}

/** The month's figures in two lines: agencies by state, tasks owed and answered; the same words in every view. */
export function reportingLines(totals: FigureTotals, t: Translate, detail = false): string[] {
  if (totals.owing === 0) return [t("figures-nothing-owed")];
  const counts = totals.counts;
  const lines = [
    t("figures-agencies", { reported: totals.reported, owing: totals.owing, partly: totals.partly, notReported: totals.notReported }),
    detail
      ? t("figures-tasks-detail", { answered: totals.answered, owed: totals.owed, share: percentOf(totals.share), done: counts.done, progress: counts["in-progress"], blocked: counts.blocked, notStarted: counts["not-started"] })
      : t("figures-tasks", { answered: totals.answered, owed: totals.owed, share: percentOf(totals.share) }),
  ];
  if (counts["done-earlier"] > 0) lines.push(t("figures-done-earlier", { count: counts["done-earlier"] }));
  return lines;
}

function monthHeading(figures: MonthFigures, t: Translate): string {
  return t("status-heading", { month: String(figures.month.month), year: String(figures.month.year) });
}

/** /tinhhinh: the month's figures, then per task due how many agencies answered what. */
export function formatMonthStatus(figures: MonthFigures, t: Translate): string {
  const lines = [`<b>${monthHeading(figures, t)}</b>`];
  if (figures.tasks.length === 0) return [...lines, t("status-nothing-due")].join("\n");
  if (!figures.inUse) lines.push(`<i>${t("figures-not-in-use")}</i>`);
  lines.push(...reportingLines(figures.totals, t));
  figures.tasks.forEach((task, index) => {
    lines.push("", milestoneLine(task.milestone, index + 1));
    const counts = TASK_ANSWERS.filter((a) => task.counts[a] > 0).map((a) => `${statusLabel(a, t)}: ${task.counts[a]}`);
    lines.push(`   ${counts.join(" · ")} (${t("status-agencies-responsible", { count: task.responsible })})`);
  });
  return lines.join("\n");
}

export interface AgencyTaskRow {
  milestone: MilestoneView;
  role: "lead" | "coordinating";
  answer: TaskAnswer;
  percent: number | null;
  note: string;
}

/** /tinhhinh <agency>: whether it has reported, then its tasks this month and its latest answers. */
export function formatAgencyStatus(month: AgencyMonth, rows: AgencyTaskRow[], period: YearMonth, t: Translate): string {
  const lines = [`<b>${escapeHtml(month.agency.name)}</b> — ${t("status-heading", { month: String(period.month), year: String(period.year) })}`];
  if (rows.length === 0) return [...lines, t("status-agency-nothing-due")].join("\n");
  lines.push(`<b>${t(`status-agency-state-${month.state}`, { answered: month.answered, owed: month.owed })}</b>`);
  rows.forEach((row, index) => {
    const percent = row.percent !== null && row.answer !== "silent" && row.answer !== "done-earlier" ? ` ${row.percent}%` : "";
    lines.push("", milestoneLine(row.milestone, index + 1));
    lines.push(`   ${t(`role-${row.role}`)} · <b>${statusLabel(row.answer, t)}${percent}</b>`);
    if (row.note) lines.push(`   <i>${escapeHtml(shorten(row.note, 200))}</i>`);
  });
  return lines.join("\n");
}

/**
 * /chuabaocao and the month's last reminder: the agencies that have not reported, then those
 * that reported partly, with what each still owes.
 */
export function formatSilentAgencies(figures: MonthFigures, t: Translate, officers: Map<string, unknown[]>): string {
  const notReported = agenciesIn(figures, "not-reported");
  const partly = agenciesIn(figures, "partly");
  const noOfficer = (agencyId: string) => ((officers.get(agencyId)?.length ?? 0) === 0 ? ` — <i>${t("silent-no-officer")}</i>` : "");
  const lines = [`<b>${t("silent-heading", { month: String(figures.month.month), year: String(figures.month.year), count: notReported.length })}</b>`];
  if (notReported.length === 0 && partly.length === 0) return [...lines, t("silent-none")].join("\n");
  for (const { agency, missing } of notReported) lines.push(`• ${escapeHtml(agency.name)}: ${t("silent-missing", { count: missing })}${noOfficer(agency.id)}`);
  if (partly.length > 0) {
    lines.push("", `<b>${t("silent-partly-heading", { count: partly.length })}</b>`);
    for (const { agency, missing, owed } of partly) lines.push(`• ${escapeHtml(agency.name)}: ${t("silent-partly-missing", { missing, owed })}${noOfficer(agency.id)}`);
  }
  return lines.join("\n");
}

/** The escalation: agencies still owing answers after the month's last reminder, with whom to call. */
export function formatEscalation(owing: AgencyMonth[], month: YearMonth, days: number, officers: Map<string, { displayName: string; username?: string | null }[]>, t: Translate): string {
  const lines = [`<b>${t("escalation-heading", { month: String(month.month), year: String(month.year), count: owing.length, days })}</b>`];
  for (const { agency, missing } of owing) {
    const people = (officers.get(agency.id) ?? []).map((officer) => escapeHtml(officer.displayName + (officer.username ? ` (@${officer.username})` : "")));
    lines.push(`• ${escapeHtml(agency.name)}: ${t("silent-missing", { count: missing })} — ${people.length > 0 ? people.join(", ") : `<i>${t("silent-no-officer")}</i>`}`);
  }
  return lines.join("\n");
}

/** /quahan: tasks overdue, by lead agency; those of an earlier plan year (not yet closed) say their year. */
export function formatOverdue(overdue: OverdueTask[], t: Translate, currentYear?: number): string {
  const lines = [`<b>${t("overdue-heading", { count: overdue.length })}</b>`];
  if (overdue.length === 0) return [...lines, t("overdue-none")].join("\n");
  overdue.forEach(({ milestone, agencies }, index) => {
    const year = currentYear !== undefined && milestone.year !== currentYear ? ` <b>${t("overdue-plan-year", { year: String(milestone.year) })}</b>` : "";
    lines.push("", `${milestoneLine(milestone, index + 1)}${year} <i>(${escapeHtml(describeMonths(milestone, t))})</i>`);
    for (const { agency, lastStatus } of agencies) {
      const status: ProgressStatus | "silent" = lastStatus ?? "silent";
      lines.push(`   • ${escapeHtml(agency.name)}: ${statusLabel(status, t)}`);
    }
  });
  return lines.join("\n");
}

/** The year-end account sent when a year is closed. */
export function formatYearEnd(summary: YearEnd, t: Translate): string {
  const lines = [`<b>${t("year-end-heading", { year: String(summary.year), done: summary.done, total: summary.total })}</b>`];
  for (const { agency, done, notDone } of summary.agencies) {
    const rows = notDone.map((milestone) => (milestone.row ? `[${escapeHtml(milestone.row)}]` : escapeHtml(shorten(milestone.text, 40))));
    lines.push(`• ${escapeHtml(agency.name)}: ${done.length}/${done.length + notDone.length}${rows.length > 0 ? ` — ${t("year-end-not-done")} ${rows.join(", ")}` : ` ✅`}`);
  }
  return lines.join("\n");
}
