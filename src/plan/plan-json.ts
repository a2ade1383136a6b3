import { z } from "zod";
import { DocumentProblem } from "../documents/document-limits.ts";
import type { Translate } from "../i18n.ts";
import type { ParsedMilestone, ParsedPlan } from "./plan-types.ts";
import { describePlanWarning } from "./warning-messages.ts";

/**
 * The JSON form of a parsed plan: what `plan parse --json` prints and what `plan import`
 * accepts back once a person has corrected it.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

const unitSchema = z.object({
  name: z.string().trim().min(1),
  role: z.enum(["lead", "coordinating"]),
});

const milestoneSchema = z.object({
  row: z.string().nullable(),
  text: z.string().trim().min(1),
  months: z
    .array(z.number().int().min(1).max(12))
    .transform((months) => [...new Set(months)].sort((a, b) => a - b)),
  recurring: z.boolean().default(false),
  due: isoDate.nullable().default(null),
  units: z.array(unitSchema).default([]),
  allAgencies: z.boolean().default(false),
  allAgenciesRole: z.enum(["lead", "coordinating"]).nullable().optional(),
});

export const planJsonSchema = z.object({
  title: z.string().trim().min(1),
  year: z.number().int().min(1900).max(2200).nullable(),
  issuer: z.string().nullable().default(null),
  number: z.string().nullable().default(null),
  issuedOn: isoDate.nullable().default(null),
  milestones: z.array(milestoneSchema).min(1),
  warnings: z.array(z.object({ row: z.string().nullable(), message: z.string() })).default([]),
});

export type PlanJson = z.infer<typeof planJsonSchema>;

export function toPlanJson(plan: ParsedPlan, t: Translate): PlanJson {
  return {
    title: plan.title,
    year: plan.year,
    issuer: plan.issuer,
    number: plan.number,
    issuedOn: plan.issuedOn,
    milestones: plan.milestones.map((milestone) => ({
      row: milestone.row,
      text: milestone.text,
      months: milestone.months,
      recurring: milestone.recurring,
      due: milestone.due,
      units: milestone.units,
      allAgencies: milestone.allAgencies,
      allAgenciesRole: milestone.allAgenciesRole ?? null,
    })),
    warnings: plan.warnings.map((warning) => ({ row: warning.row, message: describePlanWarning(warning, t) })),
  };
}

export type PlanJsonProblem = { path: string; message: string };

/**
 * Reads a corrected plan JSON; problems are listed by path so a person can find them. More
 * tasks than `maxMilestones` are refused (a DocumentProblem) before each is checked.
 */
export function readPlanJson(text: string, maxMilestones = Infinity): { plan: ParsedPlan } | { problems: PlanJsonProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: "", message: (error as Error).message }] };
  }
  const listed = (raw as { milestones?: unknown } | null)?.milestones;
  if (Array.isArray(listed) && listed.length > maxMilestones) throw new DocumentProblem("document-too-many-tasks", { max: maxMilestones });
  const result = planJsonSchema.safeParse(raw);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    };
  }
  const milestones: ParsedMilestone[] = result.data.milestones.map((milestone) => ({
    ...milestone,
    allAgenciesRole: milestone.allAgencies ? (milestone.allAgenciesRole ?? "coordinating") : null,
  }));
  return { plan: { ...result.data, milestones, warnings: [] } };
}

/** A document is taken as JSON when it opens with "{" (after white space). */
export function looksLikePlanJson(text: string): boolean {
  return text.trimStart().startsWith("{");
}
