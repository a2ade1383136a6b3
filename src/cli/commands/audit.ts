import { parseArgs } from "node:util";
import { AgencyModel } from "../../../models/agency.ts";
import { AuditEntryModel } from "../../../models/audit-entry.ts";
import { parseConfig } from "../../config.ts";
import { formatAuditLine } from "../../messages/audit-line.ts";
import { readLocalDeadline } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/** `audit --since 2018-03-01 [--action report.]`: who changed what, and when, oldest first. */
export const auditCommand: CliCommand = {
  usageKey: "cli-usage-audit",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { since: { type: "string" }, action: { type: "string" } } });
    const config = parseConfig(process.env);
    let since = new Date(0);
    if (values.since) {
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.since);
      const parsed = iso ? readLocalDeadline(`${iso[3]}/${iso[2]}/${iso[1]} 00:00`, config.timeZone) : null;
      if (!parsed) throw new CliError("cli-error-bad-time", { value: values.since });
      since = parsed;
    }
    const filter: Record<string, unknown> = { at: { $gte: since } };
    if (values.action) filter.action = { $regex: `^${values.action.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` };
    const { entries, codes } = await withDatabase(context, async () => ({
      entries: await AuditEntryModel.find(filter).sort({ at: 1, _id: 1 }).lean(),
      codes: new Map((await AgencyModel.find().select({ code: 1 }).lean()).map((agency) => [String(agency._id), agency.code])),
    }));
    for (const entry of entries) context.out(formatAuditLine(entry, codes, config.timeZone));
    context.out(context.t("audit-count", { count: entries.length }));
  },
};
