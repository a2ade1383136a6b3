import { parseArgs } from "node:util";
import { cliActor } from "../../services/audit.ts";
import { importAgencies } from "../../services/import-agencies.ts";
import type { CliCommand } from "../cli-context.ts";
import { csvProblemsError } from "../cli-error.ts";
import { readDocumentFile } from "../read-input-file.ts";
import { withDatabase } from "../with-database.ts";

export const agenciesImportCommand: CliCommand = {
  usageKey: "cli-usage-agencies-import",
  async run(context) {
    const { positionals } = parseArgs({ args: context.args, allowPositionals: true });
    const read = await readDocumentFile("agency-csv", positionals[0]);
    if ("problems" in read) throw csvProblemsError(read.problems);
    const result = await withDatabase(context, () => importAgencies(read.rows, cliActor(), context.clock.now()));
    context.out(context.t("agencies-import-done", { ...result }));
  },
};
