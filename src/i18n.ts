import { I18n } from "@grammyjs/i18n";
import { networkOf } from "./chat-networks.ts";
import { fileURLToPath } from "node:url";

/** Every user-visible sentence lives in locales/<locale>.ftl; Vietnamese is the default. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type TranslationParams = Record<string, string | number>;
export type Translate = (key: string, params?: TranslationParams) => string;

const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * A translator for messages to one chat outside an update (jobs), with the chat's network: the
 * sentences that say "press the button" on Telegram say "reply with the number" on Zalo. In chat,
 * every translation gets `$network` the same way.
 */
export function forChat(t: Translate, chatId: number): Translate {
  const network = networkOf(chatId);
  return (key, params) => t(key, { network, ...params });
}

export function createI18n(defaultLocale: Locale = "vi", localeNegotiator?: (ctx: never) => string | undefined): I18n {
  const i18n = new I18n({
    defaultLocale,
    globalTranslationContext: (ctx) => ({ network: networkOf(ctx.chat?.id) }),
    ...(localeNegotiator ? { localeNegotiator: localeNegotiator as never } : {}),
    // Unicode isolation marks around placeables would end up in Telegram messages and CSV files.
    fluentBundleOptions: { useIsolating: false },
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}

let shared: I18n | undefined;

/** A translator for code outside a chat (CLI, jobs): one locale, loaded once per process. */
export function translatorFor(locale: Locale): Translate {
  shared ??= createI18n();
  const i18n = shared;
  return (key, params) => i18n.t(locale, key, params);
}
