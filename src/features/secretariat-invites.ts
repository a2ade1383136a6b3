import { Composer } from "grammy";
import { INVITE_MEMBER, type InviteMemberArgs } from "../../conversations/invite-member.ts";
import type { BotContext } from "../context.ts";
import { hasRole } from "../services/members.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { actsForSecretariat } from "../chat/roles.ts";

/** /moi (/invite): a guided way for the secretariat to make an invite in chat. */
export function secretariatInvitesFeature() {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "invite", async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx) || ctx.chat?.type !== "private") {
      await ctx.reply(ctx.t(ctx.chat?.type === "private" ? "secretariat-only" : "invite-in-private"));
      return;
    }
    const args: InviteMemberArgs = { actor: { telegramId: ctx.from!.id, name: ctx.member!.displayName }, mayInviteAdmin: hasRole(ctx.member, "admin") };
    await ctx.conversation.enter(INVITE_MEMBER, args);
  });
  feature.use(commands);
  return feature;
}
