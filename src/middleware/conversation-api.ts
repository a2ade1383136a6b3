import { Api, type MiddlewareFn, type Transformer } from "grammy";
import type { ConversationContext } from "../context.ts";

/**
 * What the replay keeps of a message a dialogue sent: where it went and when. The plugin logs
 * every call's result in the conversation's state, written at each answer, and no dialogue reads
 * more of what it sent; a question with its keyboard was kept whole at every step.
 */
const keepWhereSent: Transformer = async (previous, method, payload, signal) => {
  const response = await previous(method, payload, signal);
  const sent = response.ok ? (response.result as unknown as Record<string, unknown>) : null;
  if (!sent || typeof sent !== "object" || typeof sent.message_id !== "number" || !sent.chat) return response;
  return { ...response, result: { message_id: sent.message_id, date: sent.date, chat: sent.chat } as never };
};

/**
 * Inside a conversation, @grammyjs/conversations installs one transformer on each context's Api:
 * it records every Bot API call and, when the conversation replays on the next update, answers
 * the call from that record instead of making it again. Transformers the bot adds (Zalo, retry,
 * pacing) must therefore run below it. Installed on top, as `ctx.api.config.use` would, they run
 * on every replay: the Zalo transformer sent the whole dialogue again at each answer, and a
 * 429's wait or the pacer's delay was waited again at every later step.
 *
 * So each conversation context gets a new Api: the bot's transformers innermost (in the order
 * given, the last one outermost, as `api.config.use` orders them), then `keepWhereSent`, the
 * conversation's own on top.
 */
export function transformersBelowReplay(...transformers: Transformer[]): MiddlewareFn<ConversationContext> {
  return (ctx, next) => {
    const replay = ctx.api.config.installedTransformers();
    const api = new Api(ctx.api.token, ctx.api.options);
    api.config.use(...transformers, keepWhereSent);
    api.config.use(...replay);
    (ctx as { api: Api }).api = api;
    return next();
  };
}
