import { Composer } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { awayListHtml } from "../messages/directory-messages.ts";
import { awayMembers, setAway } from "../services/absence.ts";
import { focalOfficersByAgency } from "../services/members.ts";
import { formatCalendarDate, localDate } from "../time/calendar.ts";
import { addDays, readLocalDate } from "../time/local-dates.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { actsForSecretariat, focalAgency } from "../chat/roles.ts";

/**
 * /vang (/away): a focal officer says they are away until a date ("/vang 20/03/2026") or back
 * ("/vang het"); the secretariat sees who is away.
 */
const BACK = /^(het|hết|xong|ve|về|off|back)$/i;

export function absenceFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "away", async (ctx: BotContext) => {
    const today = localDate(deps.clock.now(), deps.config.timeZone);
    const typed = typeof ctx.match === "string" ? ctx.match.trim() : "";
    const agencyId = focalAgency(ctx);
    if (!agencyId || typed === "") {
      if (!actsForSecretariat(ctx) && !agencyId) return void (await ctx.reply(ctx.t("focal-only")));
      const heading = ctx.t(agencyId && ctx.member?.awayUntil && ctx.member.awayUntil >= today ? "away-you-are" : "away-usage", { until: formatCalendarDate(ctx.member?.awayUntil ?? today) });
      if (!actsForSecretariat(ctx)) return void (await ctx.reply(heading));
      const away = (await awayMembers(today)).map((member) => ({ ...member, until: formatCalendarDate(member.until) }));
      return void (await ctx.reply(awayListHtml(ctx.t, heading, away)));
    }
    const actor = { via: "chat" as const, telegramId: ctx.from!.id, name: ctx.member!.displayName };
    if (BACK.test(typed)) {
      await setAway(ctx.member!._id, null, actor, deps.clock.now());
      return void (await ctx.reply(ctx.t("away-back")));
    }
    const until = readLocalDate(typed);
    if (!until || until < today || until > addDays(today, 366)) return void (await ctx.reply(ctx.t("away-bad-date", { value: typed.slice(0, 40), example: formatCalendarDate(addDays(today, 7)) })));
    await setAway(ctx.member!._id, until, actor, deps.clock.now());
    const others = ((await focalOfficersByAgency(today)).get(agencyId) ?? []).filter((officer) => officer.telegramId !== ctx.from!.id);
    await ctx.reply(
      others.length > 0
        ? ctx.t("away-set-covered", { until: formatCalendarDate(until), names: others.map((officer) => officer.displayName).join(", ") })
        : ctx.t("away-set-uncovered", { until: formatCalendarDate(until) }),
    );
  });
  feature.use(commands);
  return feature;
}
