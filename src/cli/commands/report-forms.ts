import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseConfig } from "../../config.ts";
import { buildStatisticalForms } from "../../services/statistical-forms-data.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { readYearArgument } from "../read-arguments.ts";
import { withDatabase } from "../with-database.ts";

/** `report forms --year 2026 --out FILE.xlsx`: the Ministry's statistical forms, as /bieuthongke sends them. */
export const reportFormsCommand: CliCommand = {
  usageKey: "cli-usage-report-forms",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { year: { type: "string" }, out: { type: "string" } } });
    const year = readYearArgument(values.year);
    if (!values.out) throw new CliError("cli-error-file-missing");
    const config = parseConfig(process.env);
    const forms = await withDatabase(context, () => buildStatisticalForms(year, config.documents.issuer, config.timeZone, context.t));
    await writeFile(values.out, forms.bytes);
    context.out(context.t("forms-written", { path: values.out, year: String(year), rounds: forms.rounds }));
  },
};
