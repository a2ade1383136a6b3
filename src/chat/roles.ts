import type { BotContext } from "../context.ts";
import { focalAgencyOf, hasRole } from "../services/members.ts";

/** Who may do what, asked of every command and every button. */
export function focalAgency(ctx: BotContext): string | null {
  return hasRole(ctx.member, "focal") ? focalAgencyOf(ctx.member) : null;
}

/**
 * The secretariat's views (every agency's answers and notes): its members and administrators,
 * in any chat. A seat in the secretariat's group is not enough: anyone can be added to a group.
 */
export function maySeeSecretariatViews(ctx: BotContext): boolean {
  return hasRole(ctx.member, "secretariat") || hasRole(ctx.member, "admin");
}

/** Acting for the secretariat (reminding, inviting) needs the role itself, not only a seat in the group. */
export function actsForSecretariat(ctx: BotContext): boolean {
  return hasRole(ctx.member, "secretariat") || hasRole(ctx.member, "admin");
}

/**
 * Says no to a view: in a private chat each time, with `key`; in a group once in a while per
 * person, in answer to their message, with how to join (a group's chatter is not answered line
 * by line).
 */
export async function refuseView(ctx: BotContext, key = "secretariat-only"): Promise<void> {
  if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true }));
  if (ctx.chat?.type === "private") return void (await ctx.reply(ctx.t(key)));
  if (!ctx.firstTimeInPeriod("join-secretariat")) return;
  const replyTo = ctx.msg?.message_id;
  await ctx.reply(ctx.t("group-view-join"), replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {});
}
