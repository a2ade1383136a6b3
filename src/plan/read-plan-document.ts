import { planTextFromDocx } from "./docx-plan.ts";
import { parsePlan } from "./parse-plan.ts";
import { looksLikePlanJson, readPlanJson } from "./plan-json.ts";
import type { ParsedPlan } from "./plan-types.ts";

/** A plan file as it arrives — converted text, Word, or the corrected JSON — read into a plan. */
export type PlanDocument = { ok: true; plan: ParsedPlan; sourceText: string; format: "text" | "docx" | "json" } | { ok: false; problem: string; detail?: string };

export async function readPlanDocument(fileName: string, bytes: Buffer): Promise<PlanDocument> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".docx")) {
    let text: string;
    try {
      text = await planTextFromDocx(bytes);
    } catch {
      return { ok: false, problem: "plan-doc-unreadable" };
    }
    return finish(parsePlan(text), text, "docx");
  }
  if (/\.(doc|pdf|xls|xlsx|zip|png|jpe?g)$/.test(lower)) return { ok: false, problem: "plan-doc-unsupported" };
  const text = bytes.toString("utf8");
  if (text.includes("\u0000")) return { ok: false, problem: "plan-doc-unsupported" };
  if (lower.endsWith(".json") || looksLikePlanJson(text)) {
    const read = readPlanJson(text);
    if ("problems" in read) return { ok: false, problem: "plan-doc-json", detail: `${read.problems[0]!.path || "-"}: ${read.problems[0]!.message}` };
    return { ok: true, plan: read.plan, sourceText: text, format: "json" };
  }
  return finish(parsePlan(text), text, "text");
}

function finish(plan: ParsedPlan, text: string, format: "text" | "docx"): PlanDocument {
  if (plan.milestones.length === 0) return { ok: false, problem: "plan-doc-no-tasks" };
  return { ok: true, plan, sourceText: text, format };
}
