import { Composer, InputFile } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { readMonth } from "../followup/reportable-periods.ts";
import { buildDigest } from "../services/digest.ts";
import { yearMonthAt } from "../time/calendar.ts";
import { hasRole } from "../services/members.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { chatKindOf, dashboardBase, dashboardKeyboard } from "../chat/dashboard-buttons.ts";
import { replyLong, replyLongWithOptionalKeyboard } from "../chat/reply-long.ts";
import { dashboardLinkLine, withDashboardLink } from "../messages/dashboard-messages.ts";
import { systemClock } from "../time/clock.ts";
import { dashboardLink } from "../services/dashboard-access.ts";
import { maySeeSecretariatViews, refuseView } from "../chat/roles.ts";

/** /tonghop (/digest): the leaders' weekly digest, on demand, for leaders and the secretariat. */
export function digestFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "digest", async (ctx: BotContext) => {
    if (!hasRole(ctx.member, "leader") && !maySeeSecretariatViews(ctx)) return refuseView(ctx, "leaders-only");
    const typed = typeof ctx.match === "string" ? ctx.match.trim() : "";
    const month = typed ? readMonth(typed) : null;
    if (typed && !month) {
      const now = yearMonthAt(deps.clock.now(), deps.config.timeZone);
      return void (await ctx.reply(ctx.t("bad-month-argument", { value: typed.slice(0, 40), example: `${now.month}/${now.year}` })));
    }
    const digest = await buildDigest(deps.clock.now(), deps.config.timeZone, (key, params) => ctx.t(key, params), month ?? undefined);
    const kind = chatKindOf(ctx.chat);
    const base = dashboardBase(deps.config.dashboard?.publicBaseUrl);
    if (kind === "zalo" && base && ctx.member) {
      // Zalo has no buttons: a signed link to the dashboard under the text, expiring in real time.
      const link = await dashboardLink(String(ctx.member._id), base, systemClock.now(), deps.config.dashboard?.linkHours ?? 24);
      await replyLong(ctx, withDashboardLink(digest.html, dashboardLinkLine(ctx.t, link, deps.config.timeZone)));
    } else await replyLongWithOptionalKeyboard(ctx, digest.html, kind ? dashboardKeyboard(kind, base ?? undefined, ctx.t("dashboard-button-open")) : undefined);
    await ctx.replyWithPhoto(new InputFile(digest.png, "tong-hop.png"));
  });
  feature.use(commands);
  return feature;
}
