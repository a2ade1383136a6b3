import { parseArgs } from "node:util";
import { jobContext } from "../../../jobs/context-from-config.ts";
import { isJobName, JOB_NAMES, runJob } from "../../../jobs/registry.ts";
import { parseConfig } from "../../config.ts";
import { parseInstant } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/**
 * `jobs run NAME [--at 2018-03-01T08:00:00+07:00]`: runs a scheduled job as of a given time.
 * It queues messages in the outbox; the running bot sends them.
 */
export const jobsRunCommand: CliCommand = {
  usageKey: "cli-usage-jobs-run",
  async run(context) {
    const { values, positionals } = parseArgs({ args: context.args, options: { at: { type: "string" } }, allowPositionals: true });
    const name = positionals[0] ?? "";
    if (!isJobName(name)) throw new CliError("cli-error-job-unknown", { name, names: JOB_NAMES.join(", ") });
    const config = parseConfig(process.env);
    const asOf = values.at !== undefined ? parseInstant(values.at, config.timeZone) : context.clock.now();
    if (!asOf) throw new CliError("cli-error-bad-time", { value: values.at ?? "" });
    const result = await withDatabase(context, () => runJob(name, jobContext(config, asOf), config.schedules));
    context.out(context.t("jobs-run-done", { key: result.key, enqueued: result.enqueued, already: result.alreadyQueued }));
  },
};
