import { DOCUMENT_LIMITS, DocumentProblem, type ProblemParams } from "../documents/document-limits.ts";
import { parsePlan } from "./parse-plan.ts";
import { looksLikePlanJson, readPlanJson } from "./plan-json.ts";
import type { ParsedPlan } from "./plan-types.ts";

/**
 * A plan file as it arrives — converted text, Word, or the corrected JSON — read into a plan.
 * A refusal names the sentence for the sender (`problem`, a locale key) and its params.
 */
export type PlanDocument = { ok: true; plan: ParsedPlan; sourceText: string; format: "text" | "docx" | "json" } | { ok: false; problem: string; params: ProblemParams };

export async function readPlanDocument(fileName: string, bytes: Buffer): Promise<PlanDocument> {
  try {
    return await readPlan(fileName.toLowerCase(), bytes);
  } catch (error) {
    if (error instanceof DocumentProblem) return { ok: false, problem: error.key, params: error.params };
    // A Word file mammoth cannot take apart (a broken part, XML it cannot parse).
    if (fileName.toLowerCase().endsWith(".docx")) return { ok: false, problem: "plan-doc-unreadable", params: {} };
    throw error;
  }
}

/** Kinds of file a plan is sometimes sent as that dondoc does not read: known by name alone. */
export function isUnsupportedPlanFile(fileName: string): boolean {
  return /\.(doc|pdf|xls|xlsx|zip|png|jpe?g)$/i.test(fileName);
}

async function readPlan(lower: string, bytes: Buffer): Promise<PlanDocument> {
  if (lower.endsWith(".docx")) {
    // Word's reader (mammoth) is loaded only for Word files.
    const { planTextFromDocx } = await import("./docx-plan.ts");
    const text = await planTextFromDocx(bytes);
    return finish(parsePlan(checkLength(text)), text, "docx");
  }
  if (isUnsupportedPlanFile(lower)) return { ok: false, problem: "plan-doc-unsupported", params: {} };
  const text = checkLength(bytes.toString("utf8"));
  if (text.includes("\u0000")) return { ok: false, problem: "plan-doc-unsupported", params: {} };
  if (lower.endsWith(".json") || looksLikePlanJson(text)) {
    const read = readPlanJson(text, DOCUMENT_LIMITS.milestones);
    if ("problems" in read) return { ok: false, problem: "plan-doc-json", params: { detail: `${read.problems[0]!.path || "-"}: ${read.problems[0]!.message}` } };
    return { ok: true, plan: read.plan, sourceText: text, format: "json" };
  }
  return finish(parsePlan(text), text, "text");
}

function checkLength(text: string): string {
  if (text.length > DOCUMENT_LIMITS.textCharacters) throw new DocumentProblem("document-text-too-long", { max: DOCUMENT_LIMITS.textCharacters });
  return text;
}

function finish(plan: ParsedPlan, text: string, format: "text" | "docx"): PlanDocument {
  if (plan.milestones.length === 0) return { ok: false, problem: "plan-doc-no-tasks", params: {} };
  if (plan.milestones.length > DOCUMENT_LIMITS.milestones) return { ok: false, problem: "document-too-many-tasks", params: { max: DOCUMENT_LIMITS.milestones } };
  return { ok: true, plan, sourceText: text, format };
}
