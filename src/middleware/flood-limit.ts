import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import type { OncePerPeriod } from "../chat/once-per-period.ts";
import type { BotContext } from "../context.ts";
import { forChat, translations, translatorFor } from "../i18n.ts";
import type { Log } from "../observability/logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import { negotiateLocale } from "./member-loader.ts";
import { ExpiringCounters } from "./expiring-counters.ts";

/**
 * A person's flood slows only that person. Each person in each chat may send `updates` updates
 * in `windowMs`; what comes beyond is not read at all (no database, no queue behind their earlier
 * updates), so it takes no place among the updates being handled and no sending budget from
 * anyone else. Nothing beyond is dropped silently: the person is told, once a minute at most,
 * that what they sent in the last seconds was not read and should be sent again.
 *
 * Installed before everything else, so it needs nothing from the database: the language is the
 * one the member chose (remembered in memory), else Telegram's.
 */
export interface FloodLimitOptions {
  /** Real time as the limits measure it (tests give their clock). */
  now: () => number;
  once: OncePerPeriod;
  updates?: number;
  windowMs?: number;
  defaultLocale: "vi" | "en";
  log?: Log;
  metrics?: Metrics;
}

export const FLOOD_LIMIT = { updates: 20, windowMs: 10_000 };

export function floodLimit(options: FloodLimitOptions): MiddlewareFn<BotContext> {
  const updates = options.updates ?? FLOOD_LIMIT.updates;
  const windowMs = options.windowMs ?? FLOOD_LIMIT.windowMs;
  const keyOf = (ctx: BotContext) => (ctx.from ? `${ctx.chat?.id ?? ctx.from.id}:${ctx.from.id}` : undefined);
  return limit<BotContext, ExpiringCounters>({
    timeFrame: windowMs,
    limit: updates,
    storageClient: new ExpiringCounters(options.now),
    keyGenerator: keyOf,
    keyPrefix: "",
    alwaysReply: true,
    onLimitExceeded: async (ctx) => {
      options.metrics?.updates.inc({ outcome: "limited" });
      const who = keyOf(ctx)!;
      if (!options.once.take("slow-down", who)) return;
      options.log?.("a person writes faster than the limit: what comes beyond it is not read", { chat: ctx.chat?.id ?? null, user: ctx.from?.id ?? null, limit: `${updates} updates in ${windowMs / 1000} s` }, "warn");
      const locale = translations(options.defaultLocale).resolve(negotiateLocale(ctx));
      const chatId = ctx.chat?.id ?? ctx.from!.id;
      const text = forChat(translatorFor(locale), chatId)("flood-slow-down", { seconds: Math.ceil(windowMs / 1000) });
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
      else await ctx.api.sendMessage(chatId, text).catch(() => undefined);
    },
  }) as MiddlewareFn<BotContext>;
}
