import type { Locale, Translate } from "../src/i18n.ts";

/** What every job gets: the instant it runs as of, and how to reach and address people. */
export interface JobContext {
  asOf: Date;
  timeZone: string;
  defaultLocale: Locale;
  /** SECRETARIAT_CHAT_ID when configured; otherwise the bound group is looked up. */
  configuredSecretariatChatId: number | undefined;
  translate: (locale: Locale) => Translate;
}

export interface JobResult {
  /** Messages newly queued in the outbox (a re-run queues none). */
  enqueued: number;
  /** Messages that were already queued by an earlier run. */
  alreadyQueued: number;
}
