import { createHash } from "node:crypto";
import { nameKey } from "../agencies/name-key.ts";
import type { ParsedMilestone, ParsedPlan } from "./plan-types.ts";

/**
 * What makes two imports the same plan, the same task, the same content. A corrected plan
 * keeps its identity, so it updates the stored one instead of adding a second.
 */
function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function planIdentity(plan: Pick<ParsedPlan, "year" | "number" | "title">): string {
  return `${plan.year ?? "?"}|${plan.number ? nameKey(plan.number).replace(/\s+/g, "") : nameKey(plan.title)}`;
}

/** Keys stable across re-imports: the row and the task's text, numbered when a row repeats a text. */
export function milestoneKeys(milestones: Pick<ParsedMilestone, "row" | "text">[]): string[] {
  const seen = new Map<string, number>();
  return milestones.map((milestone) => {
    const base = `${milestone.row ?? "-"}|${sha256(nameKey(milestone.text)).slice(0, 16)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  });
}

/** A fingerprint of everything an import stores, warnings aside. */
export function planContentHash(plan: ParsedPlan): string {
  const { title, year, number, issuer, issuedOn, milestones } = plan;
  const content = milestones.map((m) => ({
    row: m.row,
    text: m.text,
    months: m.months,
    recurring: m.recurring,
    due: m.due,
    units: m.units,
    allAgencies: m.allAgencies,
    allAgenciesRole: m.allAgencies ? (m.allAgenciesRole ?? "coordinating") : null,
  }));
  return sha256(JSON.stringify({ title, year, number, issuer, issuedOn, content }));
}
