import type { ParsedPlan } from "../plan/plan-types.ts";
import { loadAgencyDirectory } from "./agency-directory.ts";

/** The unit names of a plan that no agency answers to yet. */
export async function unresolvedUnits(plan: ParsedPlan): Promise<string[]> {
  const directory = await loadAgencyDirectory();
  const names = new Set(plan.milestones.flatMap((m) => m.units.map((u) => u.name)));
  return [...names].filter((name) => directory.resolve(name).match === "none");
}
