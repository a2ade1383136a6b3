import type { Conversation } from "@grammyjs/conversations";
import type { Role } from "../models/member.ts";
import type { BotDeps } from "../src/bot-deps.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";
import type { Translate } from "../src/i18n.ts";
import { trusted } from "../src/messages/html.ts";
import { createInvite, inviteLink } from "../src/services/invites.ts";
import { findAgencies } from "../src/services/find-agencies.ts";
import { formatLocalDateTime } from "../src/time/calendar.ts";
import { Dialogue } from "./conversation-input.ts";

/** /moi: the secretariat makes a single-use invite — for whom, and for focal officers which agency. */
export const INVITE_MEMBER = "invite-member";

export interface InviteMemberArgs {
  actor: { telegramId: number; name: string };
  /** Only an admin may invite another admin. */
  mayInviteAdmin: boolean;
}

const AGENCY_CHOICES = 8;

export function createInviteMember(deps: BotDeps) {
  return async function inviteMember(conversation: Conversation<BotContext, ConversationContext>, ctx: ConversationContext, args: InviteMemberArgs): Promise<void> {
    const t: Translate = (key, params) => ctx.t(key, params);
    const dialogue = await Dialogue.open(conversation, { question: t("invite-confirm-cancel"), label: t("button-cancel") });
    const roles: Role[] = ["focal", "secretariat", "leader", ...(args.mayInviteAdmin ? (["admin"] as Role[]) : [])];
    dialogue.ask();
    await ctx.reply(t("invite-ask-role"), {
      reply_markup: { inline_keyboard: [...roles.map((role) => [dialogue.button(t(`role-name-${role}`), `role:${role}`)]), [dialogue.cancelButton(t("button-cancel"))]] },
    });
    let role: Role | undefined;
    while (!role) {
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await input.ctx.reply(t("invite-cancelled")));
      role = input.kind === "button" ? roles.find((r) => input.data === `role:${r}`) : undefined;
      if (!role) await input.ctx.reply(t("report-use-buttons"));
    }

    let agencyCode: string | null = null;
    if (role === "focal") {
      dialogue.ask();
      await ctx.reply(t("invite-ask-agency"));
      while (!agencyCode) {
        const input = await dialogue.input();
        if (input.kind === "cancel") return void (await input.ctx.reply(t("invite-cancelled")));
        if (input.kind === "button" && input.data.startsWith("agency:")) {
          agencyCode = input.data.slice("agency:".length);
          break;
        }
        if (input.kind !== "text") {
          await input.ctx.reply(t("invite-ask-agency"));
          continue;
        }
        const found = await conversation.external(() => findAgencies(input.text));
        if (found.length === 1) agencyCode = found[0]!.code;
        else if (found.length === 0) await input.ctx.reply(t("invite-agency-none", { query: input.text.slice(0, 100) }));
        else {
          const shown = found.slice(0, AGENCY_CHOICES);
          dialogue.ask();
          await input.ctx.reply(found.length > AGENCY_CHOICES ? t("invite-agency-many", { count: found.length }) : t("invite-agency-pick"), {
            reply_markup: { inline_keyboard: shown.map((agency) => [dialogue.button(`${agency.code} · ${agency.name}`.slice(0, 60), `agency:${agency.code}`)]) },
          });
        }
      }
    }

    const now = await conversation.external(() => deps.clock.now().getTime());
    const invite = await conversation.external(async () => {
      const created = await createInvite(
        { role, agencyCode, ttlHours: deps.config.inviteTtlHours, now: new Date(now) },
        { via: "chat", telegramId: args.actor.telegramId, name: args.actor.name },
      );
      return { ...created, expiresAt: created.expiresAt.toISOString() };
    });
    const link = inviteLink(ctx.me.username, invite.code);
    await ctx.reply(
      t("invite-created", {
        role: trusted(t(`role-name-${invite.role}`)),
        agency: invite.agency ? invite.agency.name : "-",
        link,
        code: invite.code,
        expires: formatLocalDateTime(new Date(invite.expiresAt), deps.config.timeZone),
      }),
    );
  };
}
