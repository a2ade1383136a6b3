import type { Translate } from "../i18n.ts";
import { describeMonths } from "./describe-months.ts";
import type { ParsedMilestone, ParsedPlan } from "./plan-types.ts";
import { describePlanWarning } from "./warning-messages.ts";

/** The readable review of a parsed plan that a person checks before importing it. */
function unitsLine(milestone: ParsedMilestone, t: Translate): string {
  const everyone = t("plan-review-all-agencies");
  const lead = milestone.units.filter((unit) => unit.role === "lead").map((unit) => unit.name);
  const coordinating = milestone.units.filter((unit) => unit.role === "coordinating").map((unit) => unit.name);
  if (milestone.allAgencies) (milestone.allAgenciesRole === "lead" ? lead : coordinating).unshift(everyone);
  const parts: string[] = [];
  if (lead.length > 0) parts.push(`${t("plan-review-lead")}: ${lead.join("; ")}`);
  if (coordinating.length > 0) parts.push(`${t("plan-review-coordinating")}: ${coordinating.join("; ")}`);
  return parts.length > 0 ? parts.join(" · ") : t("plan-review-no-units");
}

export function formatPlanReview(plan: ParsedPlan, t: Translate): string {
  const lines: string[] = [plan.title];
  const facts = [
    plan.number ? t("plan-review-number", { number: plan.number }) : null,
    plan.issuer,
    plan.issuedOn ? t("plan-review-issued", { date: plan.issuedOn.split("-").reverse().join("/") }) : null,
    plan.year !== null ? t("plan-review-year", { year: String(plan.year) }) : null,
  ].filter((fact): fact is string => fact !== null);
  if (facts.length > 0) lines.push(facts.join(" · "));
  lines.push(t("plan-review-task-count", { count: plan.milestones.length }), "");

  let currentGroup: string | undefined;
  plan.milestones.forEach((milestone, index) => {
    const time = describeMonths(milestone, t);
    const group = `${milestone.row ?? "?"}|${time}|${unitsLine(milestone, t)}`;
    if (group !== currentGroup) {
      currentGroup = group;
      const row = milestone.row ? t("plan-review-row", { row: milestone.row }) : t("plan-review-row-unnumbered");
      lines.push(`${row} · ${time}`, `  ${unitsLine(milestone, t)}`);
    }
    lines.push(`  ${index + 1}. ${milestone.text}`);
  });

  if (plan.warnings.length > 0) {
    lines.push("", t("plan-review-warnings", { count: plan.warnings.length }));
    for (const warning of plan.warnings) lines.push(`  ! ${describePlanWarning(warning, t)}`);
  }
  return lines.join("\n");
}
