import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseConfig } from "../../config.ts";
import { ReportTemplateError } from "../../reports/report-docx.ts";
import { buildReportFile, ReportRequestError } from "../../services/periodic-report-data.ts";
import { parsePeriod } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/**
 * `report docx --from 2026-01 --to 2026-06 --out FILE.docx [--plan 12/KH-UBND] [--template FILE]`:
 * the periodic report as the secretariat signs it, the same document /baocaoky sends. Nothing is
 * written unless the whole report was made.
 */
export const reportDocxCommand: CliCommand = {
  usageKey: "cli-usage-report-docx",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { from: { type: "string" }, to: { type: "string" }, out: { type: "string" }, plan: { type: "string" }, template: { type: "string" } } });
    const from = parsePeriod(values.from ?? "");
    if (!from) throw new CliError("doc-error-month", { value: values.from ?? "" });
    const to = parsePeriod(values.to ?? "");
    if (!to) throw new CliError("doc-error-month", { value: values.to ?? "" });
    if (!values.out) throw new CliError("cli-error-file-missing");
    const config = parseConfig(process.env);
    const file = await withDatabase(context, async () => {
      try {
        return await buildReportFile({ from, to, plan: values.plan, now: context.clock.now(), timeZone: config.timeZone }, config.documents, context.t, values.template ?? config.documents.template);
      } catch (error) {
        if (error instanceof ReportRequestError) throw new CliError(error.key, error.params);
        if (error instanceof ReportTemplateError) throw new CliError("doc-error-template", { reason: error.reason });
        throw error;
      }
    });
    await writeFile(values.out, file.bytes);
    context.out(context.t("doc-written", { path: values.out, summary: file.summary, tasks: file.tasks }));
  },
};
