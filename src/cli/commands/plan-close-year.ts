import { parseConfig } from "../../config.ts";
import { translatorFor } from "../../i18n.ts";
import { cliActor } from "../../services/audit.ts";
import { closeYear, YearCloseError } from "../../services/year-close.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { readYearArgument } from "../read-arguments.ts";
import { withDatabase } from "../with-database.ts";

/** `plan close-year 2026`: closes a plan year and queues its year-end account, as /dongnam does. */
export const planCloseYearCommand: CliCommand = {
  usageKey: "cli-usage-plan-close-year",
  async run(context) {
    const year = readYearArgument(context.args[0]);
    const config = parseConfig(process.env);
    const result = await withDatabase(context, async () => {
      try {
        return await closeYear(year, cliActor(), { now: context.clock.now(), defaultLocale: config.defaultLocale, configuredSecretariatChatId: config.secretariatChatId, translate: translatorFor });
      } catch (error) {
        if (error instanceof YearCloseError) throw new CliError(error.key, { year: String(year) });
        throw error;
      }
    });
    context.out(context.t("year-closed", { year: String(year), done: result.done, total: result.total, messages: result.messages }));
  },
};
