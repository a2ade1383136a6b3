import type { Translate } from "../i18n.ts";
import type { ParsedPlan } from "../plan/plan-types.ts";
import { describePlanWarning } from "../plan/warning-messages.ts";
import { escapeHtml } from "./html.ts";

/** What the secretariat checks before importing a plan sent in chat. */
export function rowsWithoutMonths(plan: ParsedPlan): (string | null)[] {
  const rows: (string | null)[] = [];
  for (const milestone of plan.milestones) if (milestone.months.length === 0 && !rows.includes(milestone.row)) rows.push(milestone.row);
  return rows;
}

export function formatPlanPreview(plan: ParsedPlan, unresolved: string[], t: Translate): string {
  const perMonth = Array.from({ length: 12 }, (_, i) => plan.milestones.filter((m) => m.months.includes(i + 1)).length);
  const lines = [
    `<b>${escapeHtml(plan.title)}</b>`,
    t("preview-facts", { number: plan.number ?? "-", year: String(plan.year ?? "-"), issued: plan.issuedOn ? plan.issuedOn.split("-").reverse().join("/") : "-" }),
    t("preview-tasks", { count: plan.milestones.length }),
    `<pre>${perMonth.map((count, i) => `${t("preview-month-short", { month: String(i + 1) }).padEnd(4)}${String(count).padStart(3)}`).join("\n")}</pre>`,
  ];
  const missing = rowsWithoutMonths(plan);
  if (missing.length > 0) lines.push(t("preview-no-months", { count: missing.length, rows: missing.map((row) => row ?? t("preview-unnumbered")).join(", ") }));
  if (unresolved.length > 0) lines.push("", `<b>${t("preview-unresolved", { count: unresolved.length })}</b>`, ...unresolved.map((name) => `• ${escapeHtml(name)}`));
  if (plan.warnings.length > 0) lines.push("", `<b>${t("plan-review-warnings", { count: plan.warnings.length })}</b>`, ...plan.warnings.map((w) => `• ${describePlanWarning(w, t)}`));
  return lines.join("\n");
}
