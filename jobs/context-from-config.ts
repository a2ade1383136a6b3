import type { Config } from "../src/config.ts";
import { translatorFor } from "../src/i18n.ts";
import type { JobContext } from "./job-context.ts";

export function jobContext(config: Pick<Config, "timeZone" | "defaultLocale" | "secretariatChatId">, asOf: Date): JobContext {
  return {
    asOf,
    timeZone: config.timeZone,
    defaultLocale: config.defaultLocale,
    configuredSecretariatChatId: config.secretariatChatId,
    translate: translatorFor,
  };
}
