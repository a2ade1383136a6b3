import type { BotContext } from "../context.ts";
import { focalAgencyOf, hasRole } from "../services/members.ts";
import { secretariatChatId } from "../services/secretariat-chat.ts";

/** Who may do what, asked of every command and every button. */
export function focalAgency(ctx: BotContext): string | null {
  return hasRole(ctx.member, "focal") ? focalAgencyOf(ctx.member) : null;
}

/** Secretariat members anywhere; anyone in the bound secretariat group. */
export async function maySeeSecretariatViews(ctx: BotContext, configuredGroup: number | undefined): Promise<boolean> {
  if (hasRole(ctx.member, "secretariat") || hasRole(ctx.member, "admin")) return true;
  const chatId = ctx.chat?.id;
  if (chatId === undefined || ctx.chat?.type === "private") return false;
  return chatId === (await secretariatChatId(configuredGroup));
}

/** Acting for the secretariat (reminding, inviting) needs the role itself, not only a seat in the group. */
export function actsForSecretariat(ctx: BotContext): boolean {
  return hasRole(ctx.member, "secretariat") || hasRole(ctx.member, "admin");
}
