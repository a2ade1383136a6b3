import { parseArgs } from "node:util";
import { scheduleBetween } from "../../../jobs/job-schedule.ts";
import { parseConfig } from "../../config.ts";
import { loadSendRules } from "../../services/working-calendar.ts";
import { formatOffsetDateTime, parseInstant } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { readYearArgument } from "../read-arguments.ts";
import { withDatabase } from "../with-database.ts";

/**
 * `jobs schedule --year 2026 [--json]`: every occurrence of every job in the year, as the
 * scheduler will run it (cron moved by the working calendar and the recorded changes). With
 * --json: one array of { job, at } on stdout, `at` with the province's offset.
 */
export const jobsScheduleCommand: CliCommand = {
  usageKey: "cli-usage-jobs-schedule",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { year: { type: "string" }, json: { type: "boolean" } }, allowPositionals: false });
    const year = readYearArgument(values.year);
    const config = parseConfig(process.env);
    const from = new Date(parseInstant(`${year}-01-01T00:00:00`, config.timeZone)!.getTime() - 1);
    const to = new Date(parseInstant(`${year + 1}-01-01T00:00:00`, config.timeZone)!.getTime() - 1);
    const occurrences = await withDatabase(context, async () => scheduleBetween(from, to, config.schedules, await loadSendRules(config)));
    const rows = occurrences.map((o) => ({ job: o.job, at: formatOffsetDateTime(o.at, config.timeZone) }));
    if (values.json) {
      context.out(JSON.stringify(rows));
      return;
    }
    for (const row of rows) context.out(`${row.at.slice(0, 10)} ${row.at.slice(11, 16)}  ${row.job}`);
    context.out(context.t("jobs-schedule-count", { year: String(year), count: rows.length }));
  },
};
