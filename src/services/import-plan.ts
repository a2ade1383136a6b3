import type { Types } from "mongoose";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { milestoneKeys, planContentHash, planIdentity } from "../plan/plan-identity.ts";
import type { ParsedPlan } from "../plan/plan-types.ts";
import { loadAgencyDirectory } from "./agency-directory.ts";
import { recordAudit, type Actor } from "./audit.ts";

export interface PlanImportResult {
  planId: string;
  outcome: "created" | "updated" | "unchanged";
  milestones: { added: number; updated: number; retired: number; total: number };
  /** Unit names no agency answers to, for a person to add as aliases or agencies. */
  unresolvedUnits: string[];
}

export class PlanImportError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/**
 * Stores a plan and its milestones. Importing the same content again changes nothing; a
 * corrected plan updates tasks in place and retires (never deletes) tasks it no longer has,
 * so progress reports keep what they point to.
 */
async function storedMilestones(planId: unknown) {
  return new Map(planId ? (await MilestoneModel.find({ plan: planId }).lean()).map((m) => [m.key, m]) : []);
}

/** Months a person gave a task the document left without time are kept when the same document comes again. */
function keepGivenMonths(plan: ParsedPlan, stored: Map<string, { months: number[]; recurring: boolean }>): ParsedPlan {
  const keys = milestoneKeys(plan.milestones);
  return {
    ...plan,
    milestones: plan.milestones.map((milestone, index) => {
      const known = stored.get(keys[index]!);
      return milestone.months.length === 0 && known && known.months.length > 0 ? { ...milestone, months: known.months, recurring: known.recurring } : milestone;
    }),
  };
}

/** The plan as an import would store it: what the preview shows before the person confirms. */
export async function withStoredMonths(plan: ParsedPlan): Promise<ParsedPlan> {
  const existing = await PlanModel.findOne({ identity: planIdentity(plan) }).select({ _id: 1 }).lean();
  return keepGivenMonths(plan, await storedMilestones(existing?._id));
}

export async function importPlan(
  plan: ParsedPlan,
  source: { text: string; warnings: { row: string | null; message: string }[] },
  actor: Actor,
  now: Date,
): Promise<PlanImportResult> {
  if (plan.year === null) throw new PlanImportError("plan-import-error-no-year");
  const year = plan.year;
  if (plan.milestones.length === 0) throw new PlanImportError("plan-import-error-no-tasks");

  const identity = planIdentity(plan);
  const existing = await PlanModel.findOne({ identity });
  const keys = milestoneKeys(plan.milestones);
  const before = await storedMilestones(existing?._id);
  plan = keepGivenMonths(plan, before);
  const contentHash = planContentHash(plan);
  const directory = await loadAgencyDirectory();
  const unresolved = new Set<string>();
  const resolved = plan.milestones.map((milestone) => {
    const units = milestone.units.map((unit) => {
      const resolution = directory.resolve(unit.name);
      if (resolution.match === "none") unresolved.add(unit.name);
      return { name: unit.name, role: unit.role, agencies: resolution.agencyIds };
    });
    const ids = (role: "lead" | "coordinating") => [...new Set(units.filter((unit) => unit.role === role).flatMap((unit) => unit.agencies))];
    return { milestone, units, leadAgencies: ids("lead"), coordinatingAgencies: ids("coordinating") };
  });

  if (existing && existing.contentHash === contentHash) {
    const total = await MilestoneModel.countDocuments({ plan: existing._id, retiredAt: null });
    return { planId: String(existing._id), outcome: "unchanged", milestones: { added: 0, updated: 0, retired: 0, total }, unresolvedUnits: [...unresolved] };
  }

  const fields = {
    identity,
    year,
    title: plan.title,
    number: plan.number,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn,
    sourceText: source.text,
    warnings: source.warnings,
    importedBy: actor.name ?? (actor.telegramId ? String(actor.telegramId) : null),
  };
  // The content hash (what makes a second import "unchanged") is written only after the
  // milestones: an import that fails half-way is redone in full when run again. A new plan stays
  // out of sight ("importing") until then.
  const stored = existing ? await existing.set(fields).save() : await PlanModel.create({ ...fields, contentHash: "", status: "importing" });
  const planId = stored._id as Types.ObjectId;

  const counts = { added: 0, updated: 0, retired: 0, total: keys.length };
  const operations = resolved.map(({ milestone, units, leadAgencies, coordinatingAgencies }, position) => {
    const key = keys[position]!;
    if (before.has(key)) counts.updated++;
    else counts.added++;
    return {
      updateOne: {
        filter: { plan: planId, key },
        update: {
          $set: {
            position,
            row: milestone.row,
            text: milestone.text,
            months: milestone.months,
            recurring: milestone.recurring,
            due: milestone.due,
            units,
            leadAgencies,
            coordinatingAgencies,
            allAgencies: milestone.allAgencies,
            allAgenciesRole: milestone.allAgencies ? (milestone.allAgenciesRole ?? "coordinating") : null,
            retiredAt: null,
          },
        },
        upsert: true,
      },
    };
  });
  await MilestoneModel.bulkWrite(operations, { ordered: true });
  const gone = [...before.values()].filter((m) => !keys.includes(m.key) && m.retiredAt === null);
  if (gone.length > 0) {
    await MilestoneModel.updateMany({ _id: { $in: gone.map((m) => m._id) } }, { $set: { retiredAt: now } });
    counts.retired = gone.length;
  }

  const finishing = !existing || existing.status === "importing";
  await PlanModel.updateOne({ _id: planId }, { $set: { contentHash, ...(finishing ? { status: "active" } : {}) } });
  const outcome = finishing ? "created" : "updated";
  await recordAudit(actor, `plan.${outcome}`, { kind: "plan", id: String(planId) }, { identity, ...counts, unresolved: [...unresolved] }, now);
  return { planId: String(planId), outcome, milestones: counts, unresolvedUnits: [...unresolved] };
}
