import type { Config } from "./config.ts";
import type { DocumentReader } from "./documents/isolated-reader.ts";
import type { Clock } from "./time/clock.ts";

/** What the bot needs besides Telegram: configuration, time, and a way to nudge the outbox. */
export interface BotDeps {
  config: Pick<Config, "botToken" | "telegramApiRoot" | "defaultLocale" | "timeZone" | "secretariatChatId" | "inviteTtlHours" | "conversationIdleMinutes" | "schedules" | "quietHours" | "reportableMonths" | "escalationWorkingDays"> &
    Partial<Pick<Config, "dataDir" | "documents" | "dashboard">>;
  clock: Clock;
  /** Tells the outbox sender there is something new to send. */
  wakeOutbox: () => void;
  /** Reads a document a person sent; by default in a process of its own (readDocumentIsolated). */
  readDocument?: DocumentReader;
}
