import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.ts";
import { findMember } from "../services/members.ts";

/**
 * Loads the member behind each update, and remembers their chosen language so replies (also
 * inside conversations, which do not pass through this middleware) are in it.
 */
export const memberLocales = new Map<number, string>();

export const loadMember: MiddlewareFn<BotContext> = async (ctx, next) => {
  ctx.member = ctx.from ? await findMember(ctx.from.id) : null;
  if (ctx.member && ctx.from) memberLocales.set(ctx.from.id, ctx.member.locale);
  await next();
};

/** The member's chosen language, else the one Telegram reports, else the default. */
export function negotiateLocale(ctx: { from?: { id: number; language_code?: string } }): string | undefined {
  const chosen = ctx.from ? memberLocales.get(ctx.from.id) : undefined;
  return chosen ?? ctx.from?.language_code;
}
