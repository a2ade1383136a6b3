import { parseArgs } from "node:util";
import { formatPlanReview } from "../../plan/plan-review.ts";
import { toPlanJson } from "../../plan/plan-json.ts";
import type { CliCommand } from "../cli-context.ts";
import { readPlanFile } from "../read-input-file.ts";

/** `plan parse FILE [--json]`: the converted text, a .docx, or a corrected JSON, read for review. */
export const planParseCommand: CliCommand = {
  usageKey: "cli-usage-plan-parse",
  async run({ args, t, out }) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: true });
    const { plan } = await readPlanFile(positionals[0]);
    if (values.json) out(JSON.stringify(toPlanJson(plan, t), null, 2));
    else out(formatPlanReview(plan, t));
  },
};
