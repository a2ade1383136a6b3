import { Composer } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { chatKindOf, dashboardBase, dashboardKeyboard, linkKeyboard } from "../chat/dashboard-buttons.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { dashboardRoleOf } from "../dashboard/dashboard-scope.ts";
import { dashboardLinkLine } from "../messages/dashboard-messages.ts";
import { systemClock } from "../time/clock.ts";
import { formatLocalDateTime } from "../time/calendar.ts";
import { dashboardLink } from "../services/dashboard-access.ts";

/**
 * /bangtheodoi (/dashboard): the way into the dashboard from any chat. In a private Telegram chat
 * a Web App button, and a signed link for a desk; in the secretariat's group a login button (the
 * dashboard then checks who pressed it); on Zalo the signed link, written out.
 */
export function dashboardFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "dashboard", async (ctx: BotContext) => {
    const kind = chatKindOf(ctx.chat);
    const base = dashboardBase(deps.config.dashboard?.publicBaseUrl);
    if (!kind) return;
    if (!base) return void (await ctx.reply(ctx.t("dashboard-not-configured")));
    const button = ctx.t("dashboard-button-open");
    if (kind === "group") return void (await ctx.reply(ctx.t("dashboard-open-group"), { reply_markup: dashboardKeyboard("group", base, button) }));
    if (!ctx.member || !dashboardRoleOf(ctx.member)) return void (await ctx.reply(ctx.t("dashboard-no-role")));
    // Links expire in real time, whatever the bot's clock says in a rehearsal.
    const link = await dashboardLink(String(ctx.member._id), base, systemClock.now(), deps.config.dashboard?.linkHours ?? 24);
    if (kind === "zalo") return void (await ctx.reply(dashboardLinkLine(ctx.t, link, deps.config.timeZone)));
    const until = formatLocalDateTime(link.expiresAt, deps.config.timeZone);
    await ctx.reply(ctx.t("dashboard-open-here", { until }), { reply_markup: linkKeyboard(dashboardKeyboard("private", base, button), link.url, ctx.t("dashboard-button-desk")) });
  });
  feature.use(commands);
  return feature;
}
