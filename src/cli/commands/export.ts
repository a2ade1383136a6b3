import { parseArgs } from "node:util";
import { parseConfig } from "../../config.ts";
import { saveExcelReport } from "../../reports/excel-file.ts";
import { loadExportData } from "../../services/export-data.ts";
import { parsePeriod } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/** `export --month 2018-03 --out FILE.xlsx`: the same workbook /xuatbaocao sends. */
export const exportCommand: CliCommand = {
  usageKey: "cli-usage-export",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { month: { type: "string" }, out: { type: "string" } } });
    const month = parsePeriod(values.month ?? "");
    if (!month) throw new CliError("cli-error-month", { value: values.month ?? "" });
    if (!values.out) throw new CliError("cli-error-file-missing");
    const config = parseConfig(process.env);
    const data = await withDatabase(context, () => loadExportData(month, config.timeZone));
    await saveExcelReport(data, context.t, config.timeZone, values.out);
    context.out(context.t("export-written", { path: values.out, progress: data.progress.length, nominations: data.nominations.length, silent: data.silent.length }));
  },
};
