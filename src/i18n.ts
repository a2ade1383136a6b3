import { I18n } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import { networkOf } from "./chat-networks.ts";
import { fileURLToPath } from "node:url";
import { escapeHtml, Html } from "./messages/html.ts";

/** Every user-visible sentence lives in locales/<locale>.ftl; Vietnamese is the default. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** A translation's parameters; an `Html` fragment is inserted as it is into a message. */
export type TranslationParams = Record<string, string | number | Html>;
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

/** Parameters as a message needs them: text escaped for Telegram's HTML, fragments as they are. */
function escaped(params: TranslationParams | undefined): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = value instanceof Html ? value.html : typeof value === "string" ? escapeHtml(value) : value;
  return out;
}

/** Parameters as plain text needs them (the command line, spreadsheets, documents). */
function plain(params: TranslationParams | undefined): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = value instanceof Html ? value.html : value;
  return out;
}

/**
 * In chat, `ctx.t` escapes every parameter it inserts: a name, a note or a plan's number with
 * "<" in it can never break a message or add formatting. Installed right after the i18n plugin.
 */
export const escapingTranslations: MiddlewareFn<Context & { t: Translate; translate: Translate }> = (ctx, next) => {
  const translate = ctx.t.bind(ctx) as (key: string, params?: Record<string, string | number>) => string;
  ctx.t = ctx.translate = (key, params) => translate(key, escaped(params));
  return next();
};

let shared: I18n | undefined;
const sharedI18n = () => (shared ??= createI18n());

/** A translator for text that is no message (the command line, spreadsheets, documents): one locale, loaded once per process. */
export function translatorFor(locale: Locale): Translate {
  const i18n = sharedI18n();
  return (key, params) => i18n.t(locale, key, plain(params));
}

/** A translator for messages sent outside an update (jobs, the outbox): every parameter escaped, as `ctx.t` does. */
export function messageTranslatorFor(locale: Locale): Translate {
  const i18n = sharedI18n();
  return (key, params) => i18n.t(locale, key, escaped(params));
}
