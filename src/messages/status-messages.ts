import type { Translate } from "../i18n.ts";
import type { DueList } from "../followup/due-milestones.ts";
import type { AgencyView, MilestoneView, ProgressStatus } from "../followup/milestone-view.ts";
import type { Answer, MilestoneTally, OverdueMilestone, SilentAgency } from "../followup/month-status.ts";
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

export function statusLabel(status: Answer, t: Translate): string {
  return t(`status-${status}`);
}

/** /tinhhinh: per milestone due this month, how many agencies answered what. */
export function formatMonthStatus(tallies: MilestoneTally[], month: YearMonth, t: Translate): string {
  const lines = [`<b>${t("status-heading", { month: String(month.month), year: String(month.year) })}</b>`];
  if (tallies.length === 0) return [...lines, t("status-nothing-due")].join("\n");
  const answers: Answer[] = ["done", "in-progress", "blocked", "not-started", "silent"];
  tallies.forEach((tally, index) => {
    lines.push("", milestoneLine(tally.milestone, index + 1));
    const counts = answers.filter((a) => tally.counts[a] > 0).map((a) => `${statusLabel(a, t)}: ${tally.counts[a]}`);
    lines.push(`   ${counts.join(" · ")} (${t("status-agencies-responsible", { count: tally.responsible })})`);
  });
  return lines.join("\n");
}

/** /tinhhinh <agency>: that agency's milestones this month and its latest answers. */
export function formatAgencyStatus(
  agency: AgencyView,
  rows: { milestone: MilestoneView; role: "lead" | "coordinating"; answer: Answer; percent: number | null; note: string }[],
  month: YearMonth,
  t: Translate,
): string {
  const lines = [`<b>${escapeHtml(agency.name)}</b> — ${t("status-heading", { month: String(month.month), year: String(month.year) })}`];
  if (rows.length === 0) return [...lines, t("status-agency-nothing-due")].join("\n");
  rows.forEach((row, index) => {
    const percent = row.percent !== null && row.answer !== "silent" ? ` ${row.percent}%` : "";
    lines.push("", milestoneLine(row.milestone, index + 1));
    lines.push(`   ${t(`role-${row.role}`)} · <b>${statusLabel(row.answer, t)}${percent}</b>`);
    if (row.note) lines.push(`   <i>${escapeHtml(shorten(row.note, 200))}</i>`);
  });
  return lines.join("\n");
}

function countMissing(missing: DueList): number {
  return missing.lead.length + missing.coordinating.length;
}

/** /chuabaocao and the month's last reminder: agencies with milestones due and no answer. */
export function formatSilentAgencies(silent: SilentAgency[], month: YearMonth, t: Translate, officers: Map<string, unknown[]>): string {
  const lines = [`<b>${t("silent-heading", { month: String(month.month), year: String(month.year), count: silent.length })}</b>`];
  if (silent.length === 0) return [...lines, t("silent-none")].join("\n");
  for (const { agency, missing } of silent) {
    const noOfficer = (officers.get(agency.id)?.length ?? 0) === 0 ? ` — <i>${t("silent-no-officer")}</i>` : "";
    lines.push(`• ${escapeHtml(agency.name)}: ${t("silent-missing", { count: countMissing(missing) })}${noOfficer}`);
  }
  return lines.join("\n");
}

/** The escalation: agencies still silent after the month's last reminder, with whom to call. */
export function formatEscalation(silent: SilentAgency[], month: YearMonth, days: number, officers: Map<string, { displayName: string; username?: string | null }[]>, t: Translate): string {
  const lines = [`<b>${t("escalation-heading", { month: String(month.month), year: String(month.year), count: silent.length, days })}</b>`];
  for (const { agency, missing } of silent) {
    const people = (officers.get(agency.id) ?? []).map((officer) => escapeHtml(officer.displayName + (officer.username ? ` (@${officer.username})` : "")));
    lines.push(`• ${escapeHtml(agency.name)}: ${t("silent-missing", { count: countMissing(missing) })} — ${people.length > 0 ? people.join(", ") : `<i>${t("silent-no-officer")}</i>`}`);
  }
  return lines.join("\n");
}

/** /quahan: milestones whose window closed without "Hoàn thành", by lead agency; those of an earlier plan year (not yet closed) say their year. */
export function formatOverdue(overdue: OverdueMilestone[], t: Translate, currentYear?: number): string {
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
