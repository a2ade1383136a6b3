import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.ts";
import type { Log } from "../observability/logger.ts";
import type { Metrics } from "../observability/metrics.ts";

/**
 * One log line and one metric sample per update: its id, chat, user, what handled it (the
 * command, the button's kind, or the kind of message), how long it took and how it ended. The
 * text itself is never logged.
 */
function handlerOf(ctx: BotContext): string {
  const text = ctx.message?.text;
  if (text?.startsWith("/")) return `command:${text.split(/[\s@]/)[0]}`;
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return `button:${data.split(":")[0]}`;
  if (ctx.message) return ctx.message.document ? "message:document" : ctx.message.photo ? "message:photo" : "message";
  return Object.keys(ctx.update).find((key) => key !== "update_id") ?? "update";
}

export function updateLog(log: Log, metrics?: Metrics): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    let outcome = "ok";
    try {
      await next();
    } catch (error) {
      outcome = "error";
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      metrics?.updates.inc({ outcome });
      metrics?.updateSeconds.observe(seconds);
      log("update", { update: ctx.update.update_id, chat: ctx.chat?.id ?? null, user: ctx.from?.id ?? null, handler: handlerOf(ctx), ms: Math.round(seconds * 1000), outcome }, outcome === "error" ? "error" : "info");
    }
  };
}
