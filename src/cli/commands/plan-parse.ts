import { parseArgs } from "node:util";
import { parsePlan } from "../../plan/parse-plan.ts";
import { formatPlanReview } from "../../plan/plan-review.ts";
import { toPlanJson } from "../../plan/plan-json.ts";
import type { CliCommand } from "../cli-context.ts";
import { readInputFile } from "../read-input-file.ts";

export const planParseCommand: CliCommand = {
  usageKey: "cli-usage-plan-parse",
  async run({ args, t, out }) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: true });
    const plan = parsePlan(await readInputFile(positionals[0]));
    if (values.json) out(JSON.stringify(toPlanJson(plan, t), null, 2));
    else out(formatPlanReview(plan, t));
  },
};
