import type { Transformer } from "grammy";
import type { Clock } from "../time/clock.ts";
import type { SendPacer } from "./send-pacer.ts";

/**
 * The bot's own replies share Telegram's limits with the outbox: the same pacer counts them, so
 * the outbox waits around them. A reply itself goes at once — a person who just wrote is never
 * queued behind a push to a thousand others — waiting only for its chat's own second where the
 * network counts one (`SendPacer.replyDelay`).
 */
const SENDING = /^(send|copy|forward)[A-Z]/;

export function pacedApi(pacer: SendPacer, clock: Clock): Transformer {
  return async (previous, method, payload, signal) => {
    const chatId = Number((payload as { chat_id?: unknown }).chat_id);
    if (SENDING.test(method) && Number.isFinite(chatId)) {
      const wait = pacer.replyDelay(chatId, clock.now().getTime());
      if (wait > 0) await clock.sleep(wait);
      pacer.record(chatId, clock.now().getTime());
    }
    return previous(method, payload, signal);
  };
}
