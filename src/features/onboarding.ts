import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { forgetFirstAdminLink, redeemInvite } from "../services/invites.ts";
import { findMember } from "../services/members.ts";
import { setMemberMenu } from "../chat/command-menu.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { welcomeStranger } from "../chat/welcome-stranger.ts";
import { readableName } from "../text/clean-text.ts";
import { memberLocales } from "../middleware/member-loader.ts";

/** /start with an invite code registers the sender; /start alone says what to do next. */
export function onboardingFeature(deps: BotDeps) {
  const commands = commandGroup();
  defineCommand(commands, "start", async (ctx: BotContext) => {
    const code = typeof ctx.match === "string" ? ctx.match.trim() : "";
    if (ctx.chat?.type !== "private") return;
    if (!code) {
      if (!ctx.member) return welcomeStranger(ctx);
      await ctx.reply(ctx.t("welcome-member", { name: ctx.member.displayName }));
      return;
    }
    const from = ctx.from!;
    // Shown to the secretariat and in its group: without what hides or turns text, never empty.
    const displayName = readableName([from.first_name, from.last_name].filter(Boolean).join(" ")) || (from.username ? `@${from.username}` : `#${from.id}`);
    const locale = from.language_code?.startsWith("en") ? "en" : "vi";
    const result = await redeemInvite(code, { telegramId: from.id, displayName, username: from.username ?? null, locale }, deps.clock.now());
    if (!result.ok) {
      await ctx.reply(ctx.t(`invite-${result.reason}`));
      return;
    }
    // The first administrator's link has done its work: its file goes at once.
    if (result.bootstrap && deps.config.dataDir) forgetFirstAdminLink(deps.config.dataDir);
    const member = await findMember(from.id);
    if (member) {
      memberLocales.set(from.id, member.locale);
      await setMemberMenu(ctx.api, from.id, member.roles.map((grant) => grant.role)).catch(() => undefined);
    }
    await ctx.reply(ctx.t(`invite-welcome-${result.role}`, { name: displayName, agency: result.agency?.name ?? "" }));
  });
  return commands;
}
