import { parseArgs } from "node:util";
import { cliActor } from "../../services/audit.ts";
import { clearCalendarDay, loadWorkingCalendar, setCalendarDay } from "../../services/working-calendar.ts";
import { describeDay } from "../../messages/calendar-messages.ts";
import { formatCalendarDate } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { readDateArgument, readYearArgument } from "../read-arguments.ts";
import { withDatabase } from "../with-database.ts";

/**
 * `calendar 2026` prints the year's days off with their names (weekends only where they are
 * worked or part of a holiday); `calendar off|work DATE --name "…"` records what the
 * government announced; `calendar clear DATE` goes back to the statutory rules.
 */
export const calendarCommand: CliCommand = {
  usageKey: "cli-usage-calendar",
  async run(context) {
    const { args, t, out, locale } = context;
    const { values, positionals } = parseArgs({ args, options: { name: { type: "string" } }, allowPositionals: true });
    const [first, second] = positionals;
    if (first === "off" || first === "work") {
      const date = readDateArgument(second);
      const name = values.name?.trim() || t(first === "off" ? "calendar-default-off-name" : "calendar-default-work-name");
      await withDatabase(context, async () => {
        await setCalendarDay({ date, kind: first === "off" ? "off" : "working", name }, cliActor(), context.clock.now());
        const calendar = await loadWorkingCalendar();
        out(describeDay(calendar.day(date), t, locale));
      });
      return;
    }
    if (first === "clear") {
      const date = readDateArgument(second);
      await withDatabase(context, async () => {
        const cleared = await clearCalendarDay(date, cliActor(), context.clock.now());
        const calendar = await loadWorkingCalendar();
        out(cleared ? describeDay(calendar.day(date), t, locale) : t("calendar-nothing-to-clear", { date: formatCalendarDate(date) }));
      });
      return;
    }
    const year = readYearArgument(first);
    await withDatabase(context, async () => {
      const calendar = await loadWorkingCalendar();
      const days = calendar.notableDays(year);
      out(t("calendar-heading", { year: String(year) }));
      for (const day of days) out(describeDay(day, t, locale));
      out(t("calendar-summary", { year: String(year), off: calendar.nonWorkingDays(year).length, holidays: days.filter((d) => !d.working).length }));
    });
  },
};
