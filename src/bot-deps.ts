import type { Config } from "./config.ts";
import type { Clock } from "./outbox/clock.ts";

/** What the bot needs besides Telegram: configuration, time, and a way to nudge the outbox. */
export interface BotDeps {
  config: Pick<Config, "botToken" | "telegramApiRoot" | "defaultLocale" | "timeZone" | "secretariatChatId" | "inviteTtlHours" | "conversationIdleMinutes" | "schedules" | "quietHours" | "reportableMonths" | "escalationWorkingDays"> & Partial<Pick<Config, "dashboard">>;
  clock: Clock;
  /** Tells the outbox sender there is something new to send. */
  wakeOutbox: () => void;
}
