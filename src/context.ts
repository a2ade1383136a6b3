import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";

/** The context every handler gets: grammY's, with the translation helpers. */
export type BotContext = Context & I18nFlavor;
