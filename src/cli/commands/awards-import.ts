import { parseArgs } from "node:util";
import { DEFAULT_AWARD_CATALOGUE } from "../../awards/default-catalogue.ts";
import { cliActor } from "../../services/audit.ts";
import { importAwards } from "../../services/import-awards.ts";
import type { CliCommand } from "../cli-context.ts";
import { csvProblemsError } from "../cli-error.ts";
import { readDocumentFile } from "../read-input-file.ts";
import { withDatabase } from "../with-database.ts";

/** `awards import [FILE.csv]`: the shipped catalogue when no file is given. */
export const awardsImportCommand: CliCommand = {
  usageKey: "cli-usage-awards-import",
  async run(context) {
    const { positionals } = parseArgs({ args: context.args, allowPositionals: true });
    const read = await readDocumentFile("award-csv", positionals[0] ?? DEFAULT_AWARD_CATALOGUE);
    if ("problems" in read) throw csvProblemsError(read.problems);
    const result = await withDatabase(context, () => importAwards(read.rows, cliActor(), context.clock.now()));
    context.out(context.t("awards-import-done", { ...result }));
  },
};
