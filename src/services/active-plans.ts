import { PlanModel } from "../../models/plan.ts";
import { systemClock } from "../time/clock.ts";

/**
 * The active plans, by id and year: read on almost every answer an officer gives, changed a few
 * times a year. Kept in this process for a short while; an import or a year's close here
 * forgets it at once, one on another instance is seen within `FRESH_MS`.
 */
const FRESH_MS = 30_000;

export interface ActivePlan {
  id: string;
  year: number;
}

let cached: { plans: ActivePlan[]; at: number } | null = null;

export async function activePlans(): Promise<ActivePlan[]> {
  const now = systemClock.now().getTime();
  if (cached && now - cached.at < FRESH_MS) return cached.plans;
  const plans = (await PlanModel.find({ status: "active" }, { year: 1 }).lean()).map((plan) => ({ id: String(plan._id), year: plan.year }));
  cached = { plans, at: now };
  return plans;
}

/** After this process changed which plans are active. */
export function forgetActivePlans(): void {
  cached = null;
}
