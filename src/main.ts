import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, webhookCallback } from "grammy";
import { createServer } from "node:http";
import { JobScheduler } from "../jobs/scheduler.ts";
import { createBot } from "./bot.ts";
import type { BotDeps } from "./bot-deps.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { mongoConversationStorage } from "./conversation-storage.ts";
import { openDatabase } from "./db/open-database.ts";
import { setDefaultMenus } from "./features/command-menu.ts";
import { loadEnvFile } from "./load-env-file.ts";
import { systemClock } from "./outbox/clock.ts";
import { OutboxSender } from "./outbox/outbox-sender.ts";
import { prepareAdminAccess } from "./services/bootstrap.ts";
import { ensureAwardCatalogue } from "./services/ensure-award-catalogue.ts";
import { inviteLink } from "./services/invites.ts";
import { officeHoursWindow } from "./services/office-hours-window.ts";
import { notifyUnreachable } from "./services/unreachable-notice.ts";
import { formatLocalDateTime } from "./time/calendar.ts";

/**
 * Starts dondoc: configuration, database, outbox, schedules, then updates by long polling
 * (@grammyjs/runner) or webhook. SIGINT/SIGTERM stop intake first, then let the update and the
 * message in flight finish; queued messages stay in MongoDB for the next start.
 */
function warnAboutEmulator(path: string | null): void {
  console.warn(
    [
      "!".repeat(72),
      "! No MongoDB server: running on the built-in emulator.",
      `! Data is saved to ${path ?? "memory only"}, but this is for trying dondoc out.`,
      "! For real use set MONGODB_URI (or install mongod for the embedded server).",
      "!".repeat(72),
    ].join("\n"),
  );
}

async function main(): Promise<void> {
  loadEnvFile();
  const config = parseConfig(process.env, { botToken: true });
  const opened = await openDatabase(config, (line) => console.log(line), "bot");
  if (opened.database.kind === "emulator") warnAboutEmulator(opened.database.dataPath);
  else console.log(`database: ${opened.database.description}`);
  await ensureAwardCatalogue();

  const log = (line: string) => console.log(line);
  // The outbox keeps Telegram's limits itself, so it talks through an Api without auto-retry.
  const outboxApi = new Api(config.botToken!, { apiRoot: config.telegramApiRoot });
  const deps: BotDeps = { config, clock: systemClock, wakeOutbox: () => outbox.wake() };
  const outbox = new OutboxSender({
    api: outboxApi,
    clock: systemClock,
    log,
    onUnreachable: (member) => notifyUnreachable(member, deps),
    sendWindow: officeHoursWindow(config),
  });
  const bot = createBot(deps, { conversationStorage: await mongoConversationStorage() });
  await bot.init();
  await setDefaultMenus(bot.api).catch((error: unknown) => log(`command menus not set: ${(error as Error).message}`));
  const access = await prepareAdminAccess({ adminIds: config.adminTelegramIds, ttlHours: config.inviteTtlHours, now: systemClock.now() });
  if (access.kind === "bootstrap-invite") {
    const link = inviteLink(bot.botInfo.username, access.code);
    console.log(["", "=".repeat(72), "No administrator yet. Open this one-time link in Telegram to become the first:", `  ${link}`, `(valid until ${formatLocalDateTime(access.expiresAt, config.timeZone)} ${config.timeZone}; or set ADMIN_TELEGRAM_IDS)`, "=".repeat(72), ""].join("\n"));
  }

  outbox.start();
  const scheduler = new JobScheduler(config, systemClock, () => outbox.wake(), log);
  await scheduler.catchUp();
  scheduler.start();

  let stopIntake: () => Promise<void>;
  if (config.mode.kind === "webhook") {
    const { url, secret, port } = config.mode;
    const server = createServer(webhookCallback(bot, "http", { secretToken: secret }));
    await new Promise<void>((resolve) => server.listen(port, resolve));
    await bot.api.setWebhook(url, { secret_token: secret });
    log(`dondoc @${bot.botInfo.username}: webhook on port ${port}`);
    stopIntake = () => new Promise((resolve) => server.close(() => resolve()));
  } else {
    await bot.api.deleteWebhook();
    const runner: RunnerHandle = run(bot);
    log(`dondoc @${bot.botInfo.username}: long polling`);
    stopIntake = () => runner.stop();
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await stopIntake();
    await scheduler.stop();
    await outbox.stop();
    await opened.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
