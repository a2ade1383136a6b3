import { parseArgs } from "node:util";
import { toPlanJson } from "../../plan/plan-json.ts";
import { cliActor } from "../../services/audit.ts";
import { importPlan, PlanImportError } from "../../services/import-plan.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { readPlanFile } from "../read-input-file.ts";
import { withDatabase } from "../with-database.ts";

/** `plan import FILE`: the converted text of a plan, its .docx, or the JSON `plan parse --json` printed, corrected. */
export const planImportCommand: CliCommand = {
  usageKey: "cli-usage-plan-import",
  async run(context) {
    const { positionals } = parseArgs({ args: context.args, allowPositionals: true });
    const { plan, sourceText: text, format } = await readPlanFile(positionals[0]);
    const { t, out } = context;
    // A corrected JSON carries no warnings of its own: the person has seen and settled them.
    const warnings = format === "json" ? [] : toPlanJson(plan, t).warnings;

    const result = await withDatabase(context, async () => {
      try {
        return await importPlan(plan, { text, warnings }, cliActor(), context.clock.now());
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
