import { FluentBundle, FluentResource } from "@fluent/bundle";
import type { Context, MiddlewareFn } from "grammy";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { networkOf } from "./chat-networks.ts";
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

function loadBundle(locale: Locale): FluentBundle {
  // Unicode isolation marks around placeables would end up in Telegram messages and CSV files.
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(readFileSync(`${LOCALES_DIR}/${locale}.ftl`, "utf8")));
  if (errors.length > 0) throw new Error(`locales/${locale}.ftl: ${errors.map((error) => error.message).join("; ")}`);
  return bundle;
}

/**
 * The translations, each locale's Fluent bundle loaded once. A key is "message" or
 * "message.attribute"; one missing in a locale is taken from the default locale, and one missing
 * everywhere shows as "{key}". The locale is settled once per chat update, not per sentence: a
 * dialogue rebuilds its earlier questions at every answer.
 */
export class Translations {
  /** Each locale's bundles in the order they are asked: its own, then the default locale's. */
  private readonly lookups = new Map<Locale, FluentBundle[]>();

  constructor(readonly defaultLocale: Locale = "vi") {
    const bundles = new Map(LOCALES.map((locale) => [locale, loadBundle(locale)]));
    for (const locale of LOCALES) this.lookups.set(locale, locale === defaultLocale ? [bundles.get(locale)!] : [bundles.get(locale)!, bundles.get(defaultLocale)!]);
  }

  /** The locale for a language as a person's client names it ("en", "en-US", "vi"): else the default. */
  resolve(requested: string | undefined): Locale {
    if (!requested) return this.defaultLocale;
    const language = requested.toLowerCase().split(/[-_]/)[0]!;
    return isLocale(language) ? language : this.defaultLocale;
  }

  translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
    const [id, attribute] = key.split(".", 2) as [string, string | undefined];
    for (const bundle of this.lookups.get(locale)!) {
      const message = bundle.getMessage(id);
      const pattern = attribute === undefined ? message?.value : message?.attributes[attribute];
      if (pattern) return bundle.formatPattern(pattern, params);
    }
    return `{${key}}`;
  }

  private readonly fixedTexts = new Map<string, string>();

  /** A sentence without parameters, formatted once: buttons and questions are built again at every replay of a dialogue. */
  private fixed(locale: Locale, network: string, key: string): string {
    const id = `${locale}|${network}|${key}`;
    let text = this.fixedTexts.get(id);
    if (text !== undefined) return text;
    text = this.translate(locale, key, { network });
    // Keys come from the code, a few hundred in all: the bound only guards against a key built from input.
    if (this.fixedTexts.size < 10_000) this.fixedTexts.set(id, text);
    return text;
  }

  /**
   * `ctx.t` in chat: in the locale `negotiate` gives (the member's choice), else the client's,
   * else the default; every parameter escaped for Telegram's HTML, so a name, a note or a plan's
   * number with "<" in it can never break a message or add formatting; `$network` given, so the
   * sentences that say "press the button" on Telegram say "reply with the number" on Zalo.
   */
  middleware(negotiate: (ctx: Context) => string | undefined = () => undefined): MiddlewareFn<Context & ChatTranslationFlavor> {
    return (ctx, next) => {
      let locale = this.resolve(negotiate(ctx) ?? ctx.from?.language_code);
      const network = networkOf(ctx.chat?.id);
      ctx.t = ctx.translate = (key, params) => (params ? this.translate(locale, key, { network, ...escaped(params) }) : this.fixed(locale, network, key));
      ctx.i18n = {
        get locale() {
          return locale;
        },
        useLocale: (chosen) => {
          locale = this.resolve(chosen);
        },
      };
      return next();
    };
  }
}

/** Translations in chat (Translations.middleware): the update's locale, and every parameter escaped. */
export interface ChatTranslationFlavor {
  t: Translate;
  translate: Translate;
  i18n: {
    /** The locale this update is answered in. */
    readonly locale: Locale;
    /** Answers the rest of this update in another locale (the person just chose it). */
    useLocale(locale: string): void;
  };
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

const shared = new Map<Locale, Translations>();
/** The translations with a given default locale, loaded once per process. */
export function translations(defaultLocale: Locale = "vi"): Translations {
  let found = shared.get(defaultLocale);
  if (!found) shared.set(defaultLocale, (found = new Translations(defaultLocale)));
  return found;
}

/** A translator for text that is no message (the command line, spreadsheets, documents): one locale. */
export function translatorFor(locale: Locale): Translate {
  const all = translations();
  return (key, params) => all.translate(locale, key, plain(params));
}

/** A translator for messages sent outside an update (jobs, the outbox): every parameter escaped, as `ctx.t` does. */
export function messageTranslatorFor(locale: Locale): Translate {
  const all = translations();
  return (key, params) => all.translate(locale, key, escaped(params));
}
