import { Composer } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { calendarYearHtml, describeDay } from "../messages/calendar-messages.ts";
import { clearCalendarDay, loadWorkingCalendar, setCalendarDay } from "../services/working-calendar.ts";
import { formatCalendarDate, yearMonthAt } from "../time/calendar.ts";
import { readLocalDate } from "../time/local-dates.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { replyLong } from "../chat/reply-long.ts";
import { actsForSecretariat, refuseView } from "../chat/roles.ts";
import { TextRefused } from "../text/clean-text.ts";

/**
 * /lich (/calendar): the year's days off, and the days the government announced differently —
 * "/lich nghi 01/09/2026 Nghỉ lễ Quốc khánh", "/lich lam 10/01/2026 Làm bù", "/lich bo 01/09/2026".
 * Pushes, reminders and quiet days follow it from the next minute.
 */
const ACTIONS: Record<string, "off" | "working" | "clear"> = { nghi: "off", off: "off", lam: "working", work: "working", bo: "clear", clear: "clear" };

export function workingCalendarFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "calendar", async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx)) return refuseView(ctx);
    const locale = ctx.i18n.locale;
    const t = ctx.t;
    const [first = "", second = "", ...rest] = (typeof ctx.match === "string" ? ctx.match.trim() : "").split(/\s+/).filter(Boolean);
    const action = ACTIONS[first.toLowerCase()];
    if (!action) {
      const year = first ? Number(first) : yearMonthAt(deps.clock.now(), deps.config.timeZone).year;
      if (!/^\d{4}$/.test(String(year)) || year < 1990 || year > 2199) return void (await ctx.reply(t("calendar-usage")));
      const calendar = await loadWorkingCalendar();
      return void (await replyLong(ctx, calendarYearHtml(t, year, calendar.notableDays(year), locale)));
    }
    const date = readLocalDate(second);
    if (!date) return void (await ctx.reply(t("cli-error-date", { value: second })));
    const actor = { via: "chat" as const, telegramId: ctx.from!.id, name: ctx.member!.displayName };
    if (action === "clear") {
      const cleared = await clearCalendarDay(date, actor, deps.clock.now());
      if (!cleared) return void (await ctx.reply(t("calendar-nothing-to-clear", { date: formatCalendarDate(date) })));
    } else {
      const name = rest.join(" ").slice(0, 200) || t(action === "off" ? "calendar-default-off-name" : "calendar-default-work-name");
      try {
        await setCalendarDay({ date, kind: action, name }, actor, deps.clock.now());
      } catch (error) {
        if (error instanceof TextRefused) return void (await ctx.reply(t(error.key)));
        throw error;
      }
    }
    const calendar = await loadWorkingCalendar();
    await ctx.reply(t("calendar-day-saved", { day: describeDay(calendar.day(date), t, locale) }));
  });
  feature.use(commands);
  return feature;
}
