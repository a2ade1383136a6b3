import type { DigestChange, DigestFigures } from "../digest/digest-figures.ts";
import { percentOf, TASK_ANSWERS, type TaskAnswer } from "../followup/month-figures.ts";
import type { StackedBarChart } from "../reports/progress-chart.ts";
import type { Translate } from "../i18n.ts";
import { parsePeriod, type YearMonth } from "../time/calendar.ts";
import { escapeHtml, shorten } from "./html.ts";
import { reportingLines } from "./status-messages.ts";

/** The leaders' digest: text first, readable on a phone in a minute; the chart says the same at a glance. */
const COLORS: Record<TaskAnswer, string> = { done: "#2e7d32", "done-earlier": "#81c784", "in-progress": "#1976d2", blocked: "#f57c00", "not-started": "#8d6e63", silent: "#9e9e9e" };
const NAMES_SHOWN = 12;

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

function nameList(names: string[]): string {
  return escapeHtml(names.slice(0, NAMES_SHOWN).join("; ")) + (names.length > NAMES_SHOWN ? ` … (+${names.length - NAMES_SHOWN})` : "");
}

const monthName = (period: string) => {
  const month = parsePeriod(period)!;
  return `${month.month}/${month.year}`;
};

export function formatDigest(figures: DigestFigures, change: DigestChange | null, month: YearMonth, t: Translate): string {
  const lines = [`<b>${t("digest-heading", { month: String(month.month), year: String(month.year) })}</b>`];
  if (!figures.inUse) lines.push(`<i>${t("figures-not-in-use")}</i>`);
  lines.push(...reportingLines(figures.totals, t, true));
  if (change) lines.push(t("digest-change-figures", { reported: signed(change.reported), notReported: signed(change.notReported), done: signed(change.done), overdue: signed(change.overdue) }));
  if (figures.byBloc.length > 0) lines.push("", `<b>${t("digest-by-bloc")}</b>`);
  for (const { name, totals } of figures.byBloc) {
    lines.push(`• ${t("digest-bloc-line", { name, reported: totals.reported, owing: totals.owing, partly: totals.partly, answered: totals.answered, owed: totals.owed, share: percentOf(totals.share) })}`);
  }
  lines.push("", `<b>${t("digest-overdue", { count: figures.overdueCount })}</b>`);
  for (const item of figures.overdue) {
    lines.push(`• ${item.row ? `[${escapeHtml(item.row)}] ` : ""}${escapeHtml(shorten(item.text, 110))} — ${escapeHtml(item.agencies.slice(0, 3).join(", "))}${item.agencies.length > 3 ? ` +${item.agencies.length - 3}` : ""}`);
  }
  lines.push("", `<b>${t("digest-silent", { count: figures.notReported.length })}</b>`);
  if (figures.notReported.length > 0) lines.push(nameList(figures.notReported));
  if (figures.partly.length > 0) lines.push("", `<b>${t("digest-partly", { count: figures.partly.length })}</b>`, nameList(figures.partly));
  const running = figures.silentRunning;
  if (running.agencies.length > 0) {
    lines.push("", `<b>${t("digest-silent-running", { first: monthName(running.periods[0]), second: monthName(running.periods[1]), count: running.agencies.length })}</b>`);
    lines.push(nameList(running.agencies));
  }
  if (figures.rounds.length > 0) {
    lines.push("", `<b>${t("digest-rounds")}</b>`);
    for (const round of figures.rounds) {
      lines.push(`• ${t("digest-round-line", { seq: round.seq, title: round.title, submitted: round.submitted, asked: round.asked, collective: round.collective, individual: round.individual, days: round.daysLeft })}`);
    }
  }
  return lines.join("\n");
}

/** Per bloc, the tasks due by answer: the same counts as the text's. */
export function digestChart(figures: DigestFigures, month: YearMonth, t: Translate): StackedBarChart {
  const shown = TASK_ANSWERS.filter((answer) => answer !== "done-earlier" || figures.totals.counts["done-earlier"] > 0);
  return {
    title: t("digest-chart-title", { month: String(month.month), year: String(month.year) }),
    categories: figures.byBloc.map((bloc) => bloc.name),
    series: shown.map((answer) => ({ name: t(`status-${answer}`), color: COLORS[answer], values: figures.byBloc.map((bloc) => bloc.totals.counts[answer]) })),
  };
}
