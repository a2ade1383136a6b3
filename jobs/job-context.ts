import type { Locale, Translate } from "../src/i18n.ts";
import type { QuietHours } from "../src/time/quiet-hours.ts";

/** What every job gets: the instant it runs as of, and how to reach and address people. */
export interface JobContext {
  asOf: Date;
  timeZone: string;
  defaultLocale: Locale;
  /** SECRETARIAT_CHAT_ID when configured; otherwise the bound group is looked up. */
  configuredSecretariatChatId: number | undefined;
  translate: (locale: Locale) => Translate;
  quietHours: QuietHours | null;
  /** Working days after the month's last reminder before the silent are escalated. */
  escalationWorkingDays: number;
  /** Where the dashboard is reached (PUBLIC_BASE_URL) and how long its links last; absent: no button, no link. */
  dashboard?: { publicBaseUrl: string | undefined; linkHours: number };
}

export interface JobResult {
  /** Messages newly queued in the outbox (a re-run queues none). */
  enqueued: number;
  /** Messages that were already queued by an earlier run. */
  alreadyQueued: number;
}
