import type { Config } from "../src/config.ts";
import { messageTranslatorFor } from "../src/i18n.ts";
import type { JobContext } from "./job-context.ts";

type JobConfig = Pick<Config, "timeZone" | "defaultLocale" | "secretariatChatId"> & Partial<Pick<Config, "quietHours" | "escalationWorkingDays" | "dashboard">>;

export function jobContext(config: JobConfig, asOf: Date): JobContext {
  return {
    asOf,
    timeZone: config.timeZone,
    defaultLocale: config.defaultLocale,
    configuredSecretariatChatId: config.secretariatChatId,
    translate: messageTranslatorFor,
    quietHours: config.quietHours ?? null,
    escalationWorkingDays: config.escalationWorkingDays ?? 3,
    dashboard: config.dashboard,
  };
}
