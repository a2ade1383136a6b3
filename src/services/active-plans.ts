import { PlanModel } from "../../models/plan.ts";
import { KeptWhileUnchanged } from "./kept-while-unchanged.ts";

/** The active plans, by id and year: read on almost every answer an officer gives, changed a few times a year. */
export interface ActivePlan {
  id: string;
  year: number;
}

const kept = new KeptWhileUnchanged<ActivePlan[]>(["plans"]);

export async function activePlans(): Promise<ActivePlan[]> {
  const plans = await kept.get("active", async () => (await PlanModel.find({ status: "active" }, { year: 1 }).lean()).map((plan) => ({ id: String(plan._id), year: plan.year })));
  return [...plans];
}
