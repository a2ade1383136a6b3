import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { ChatTranslationFlavor } from "./i18n.ts";
import type { Topic } from "./chat/once-per-period.ts";
import type { MemberRecord } from "./services/members.ts";

/** The member behind the update, loaded once per update; null for someone the bot does not know. */
export interface MemberFlavor {
  member: MemberRecord | null;
}

/** Whether to say something to the sender in this chat now: true at most once per the topic's period. */
export interface OncePerPeriodFlavor {
  firstTimeInPeriod(topic: Topic): boolean;
}

/** The context every handler gets. */
export type BotContext = ConversationFlavor<Context & ChatTranslationFlavor & MemberFlavor & OncePerPeriodFlavor>;

/** The context inside conversations: fresh objects built on replay, with only the plugins given to them. */
export type ConversationContext = Context & ChatTranslationFlavor;
