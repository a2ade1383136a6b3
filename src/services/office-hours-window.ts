import type { Config } from "../config.ts";
import type { SendWindow } from "../outbox/outbox-sender.ts";
import { maySendAt, type SendRules } from "../time/quiet-hours.ts";
import { loadSendRules } from "./working-calendar.ts";

/**
 * The outbox's send window: working days outside quiet hours. The calendar is read again at
 * most once a minute, so a day the secretariat changes takes effect without a restart.
 */
const RELOAD_MS = 60_000;

export function officeHoursWindow(config: Pick<Config, "timeZone" | "quietHours">): SendWindow {
  let cached: { rules: SendRules; loadedAt: number } | null = null;
  return {
    async isOpen(now) {
      if (!cached || Date.now() - cached.loadedAt > RELOAD_MS) cached = { rules: await loadSendRules(config), loadedAt: Date.now() };
      return maySendAt(now, cached.rules);
    },
  };
}
