import { parseArgs } from "node:util";
import { parsePlan } from "../../plan/parse-plan.ts";
import { looksLikePlanJson, readPlanJson, toPlanJson } from "../../plan/plan-json.ts";
import { cliActor } from "../../services/audit.ts";
import { importPlan, PlanImportError } from "../../services/import-plan.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { readInputFile } from "../read-input-file.ts";
import { withDatabase } from "../with-database.ts";

/** `plan import FILE`: the converted text of a plan, or the JSON `plan parse --json` printed, corrected. */
export const planImportCommand: CliCommand = {
  usageKey: "cli-usage-plan-import",
  async run(context) {
    const { positionals } = parseArgs({ args: context.args, allowPositionals: true });
    const text = await readInputFile(positionals[0]);
    const { t, out } = context;

    let plan;
    let warnings: { row: string | null; message: string }[] = [];
    if (looksLikePlanJson(text)) {
      const read = readPlanJson(text);
      if ("problems" in read) {
        const first = read.problems[0]!;
        throw new CliError("cli-error-plan-json", { path: first.path || "-", message: first.message, count: read.problems.length });
      }
      plan = read.plan;
    } else {
      plan = parsePlan(text);
      warnings = toPlanJson(plan, t).warnings;
    }

    const result = await withDatabase(context, async () => {
      try {
        return await importPlan(plan, { text, warnings }, cliActor());
      } catch (error) {
        if (error instanceof PlanImportError) throw new CliError(error.key);
        throw error;
      }
    });
    out(t(`plan-import-${result.outcome}`, { title: plan.title, id: result.planId }));
    if (result.outcome !== "unchanged") out(t("plan-import-counts", { ...result.milestones }));
    for (const warning of warnings) out(`  ! ${warning.message}`);
    if (result.unresolvedUnits.length > 0) {
      out(t("plan-import-unresolved", { count: result.unresolvedUnits.length }));
      for (const name of result.unresolvedUnits) out(`  ? ${name}`);
    }
  },
};
