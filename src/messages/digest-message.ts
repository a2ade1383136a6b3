import type { DigestChange, DigestFigures } from "../digest/digest-figures.ts";
import type { StackedBarChart } from "../reports/progress-chart.ts";
import type { Translate } from "../i18n.ts";
import type { YearMonth } from "../time/calendar.ts";
import { escapeHtml, shorten } from "./html.ts";

/** The leaders' digest: text first, readable on a phone in a minute; the chart says the same at a glance. */
const ANSWERS = ["done", "in-progress", "blocked", "not-started", "silent"] as const;
const COLORS: Record<(typeof ANSWERS)[number], string> = { done: "#2e7d32", "in-progress": "#1976d2", blocked: "#f57c00", "not-started": "#8d6e63", silent: "#9e9e9e" };

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

export function formatDigest(figures: DigestFigures, change: DigestChange | null, month: YearMonth, t: Translate, silentTwoMonths: string[] = []): string {
  const total = figures.total;
  const all = ANSWERS.reduce((sum, answer) => sum + total[answer], 0);
  const lines = [
    `<b>${t("digest-heading", { month: String(month.month), year: String(month.year) })}</b>`,
    t("digest-total", { all, done: total.done, progress: total["in-progress"], blocked: total.blocked, notStarted: total["not-started"], silent: total.silent }),
  ];
  if (change) lines.push(t("digest-change", { done: signed(change.done), silent: signed(change.silent), overdue: signed(change.overdue) }));
  lines.push("", `<b>${t("digest-by-bloc")}</b>`);
  for (const bloc of figures.byBloc) {
    const sum = ANSWERS.reduce((s, answer) => s + bloc.counts[answer], 0);
    lines.push(`• ${escapeHtml(bloc.name)}: ${bloc.counts.done}/${sum} ${t("digest-done-short")}${bloc.counts.blocked ? ` · ${bloc.counts.blocked} ${t("digest-blocked-short")}` : ""}${bloc.counts.silent ? ` · ${bloc.counts.silent} ${t("digest-silent-short")}` : ""}`);
  }
  lines.push("", `<b>${t("digest-overdue", { count: figures.overdueCount })}</b>`);
  for (const item of figures.overdue) {
    lines.push(`• ${item.row ? `[${escapeHtml(item.row)}] ` : ""}${escapeHtml(shorten(item.text, 110))} — ${escapeHtml(item.agencies.slice(0, 3).join(", "))}${item.agencies.length > 3 ? ` +${item.agencies.length - 3}` : ""}`);
  }
  lines.push("", `<b>${t("digest-silent", { count: figures.silent.length })}</b>`);
  if (figures.silent.length > 0) lines.push(escapeHtml(figures.silent.slice(0, 12).join("; ")) + (figures.silent.length > 12 ? ` … (+${figures.silent.length - 12})` : ""));
  if (silentTwoMonths.length > 0) {
    lines.push("", `<b>${t("digest-silent-two-months", { count: silentTwoMonths.length })}</b>`);
    lines.push(escapeHtml(silentTwoMonths.slice(0, 12).join("; ")) + (silentTwoMonths.length > 12 ? ` … (+${silentTwoMonths.length - 12})` : ""));
  }
  if (figures.rounds.length > 0) {
    lines.push("", `<b>${t("digest-rounds")}</b>`);
    for (const round of figures.rounds) {
      lines.push(`• ${t("digest-round-line", { seq: round.seq, title: round.title, submitted: round.submitted, asked: round.asked, collective: round.collective, individual: round.individual, days: round.daysLeft })}`);
    }
  }
  return lines.join("\n");
}

export function digestChart(figures: DigestFigures, month: YearMonth, t: Translate): StackedBarChart {
  return {
    title: t("digest-chart-title", { month: String(month.month), year: String(month.year) }),
    categories: figures.byBloc.map((bloc) => bloc.name),
    series: ANSWERS.map((answer) => ({ name: t(`status-${answer}`), color: COLORS[answer], values: figures.byBloc.map((bloc) => bloc.counts[answer]) })),
  };
}
