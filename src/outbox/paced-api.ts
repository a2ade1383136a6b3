import type { Transformer } from "grammy";
import type { Clock } from "./clock.ts";
import type { SendPacer } from "./send-pacer.ts";

/**
 * The bot's own replies share Telegram's limits with the outbox: the same pacer counts them and
 * holds one back when the bot or a group is at its limit. A person who just wrote gets the few
 * messages of an answer at once (a short burst in a private chat is allowed); the outbox then
 * waits its second after them.
 */
const SENDING = /^(send|copy|forward)[A-Z]/;

export function pacedApi(pacer: SendPacer, clock: Clock): Transformer {
  return async (previous, method, payload, signal) => {
    const chatId = Number((payload as { chat_id?: unknown }).chat_id);
    if (SENDING.test(method) && Number.isFinite(chatId)) {
      const delay = () => pacer.delayFor(chatId, clock.now().getTime(), { burstInPrivate: true });
      for (let wait = delay(); wait > 0; wait = delay()) await clock.sleep(wait);
      pacer.record(chatId, clock.now().getTime());
    }
    return previous(method, payload, signal);
  };
}
