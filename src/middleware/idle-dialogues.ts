import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { MiddlewareFn, StorageAdapter } from "grammy";
import type { BotContext } from "../context.ts";

/**
 * A dialogue left unanswered longer than the idle limit ends: the person's next message is told
 * so ("nothing was saved") and then handled as if no dialogue were open. The time of a chat's
 * last exchange is stamped on its conversation state whenever the state is written (once at the
 * end of each update the dialogue took part in), and read before the conversations plugin runs.
 *
 * The plugin's own `maxMillisecondsToWait` does the same with two recorded clock readings around
 * every wait, replayed and stored again at every later answer, on the process's real time; this
 * costs one number a chat and follows the bot's clock.
 */
type State = VersionedState<ConversationData> & { at?: number };

export interface IdleDialogues {
  /** The conversations' storage, stamping each write with the time. */
  storage: ConversationStorage<BotContext, ConversationData>;
  /** Ends a dialogue idle too long; installed before the conversations plugin, after translations. */
  middleware: MiddlewareFn<BotContext>;
}

export function idleDialogues(storage: ConversationStorage<BotContext, ConversationData>, idleMs: number, now: () => number): IdleDialogues {
  if (storage.type !== "key") throw new Error("idle dialogues need the conversations' state stored by key");
  const adapter = storage.adapter as StorageAdapter<State>;
  const key = (ctx: BotContext) => ctx.chatId?.toString();
  const stamped: StorageAdapter<State> = {
    read: (chat) => adapter.read(chat),
    write: (chat, value) => adapter.write(chat, Object.assign(value, { at: now() })),
    delete: (chat) => adapter.delete(chat),
  };
  return {
    storage: { ...storage, adapter: stamped as StorageAdapter<VersionedState<ConversationData>> },
    middleware: async (ctx, next) => {
      const chat = key(ctx);
      const state = chat === undefined ? undefined : await adapter.read(chat);
      if (chat !== undefined && state?.at !== undefined && now() - state.at > idleMs && hasOpenDialogue(state)) {
        await adapter.delete(chat);
        await ctx.reply(ctx.t("conversation-expired"));
      }
      await next();
    },
  };
}

const hasOpenDialogue = (state: State) => Object.values(state.state ?? {}).some((runs) => Array.isArray(runs) && runs.length > 0);
