import type { RunnerHandle } from "@grammyjs/runner";
import { Api } from "grammy";
import mongoose from "mongoose";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { JobScheduler } from "../jobs/scheduler.ts";
import { createBot } from "./bot.ts";
import { htmlParseMode } from "./chat/parse-mode.ts";
import { contactPatiently } from "./startup-contact.ts";
import { NetworkPacer, ZALO_LIMITS } from "./outbox/network-pacer.ts";
import { ZaloClient } from "./zalo/zalo-client.ts";
import { ZaloPoller } from "./zalo/zalo-poller.ts";
import { zaloWebhookRoute } from "./zalo/zalo-webhook.ts";
import { receiveZaloUpdate, runUpdatesWith } from "./intake/bot-updates.ts";
import { pollTelegram } from "./intake/telegram-polling.ts";
import { UpdateIntake } from "./intake/update-intake.ts";
import { zaloTransformer } from "./zalo/zalo-transformer.ts";
import type { BotDeps } from "./bot-deps.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { ConversationStateCache, mongoConversationStorage } from "./conversation-storage.ts";
import { openDatabase } from "./db/open-database.ts";
import { setDefaultMenus } from "./chat/command-menu.ts";
import { Leadership } from "./leadership.ts";
import { healthServer, listen } from "./observability/health-server.ts";
import { dashboardRoutes } from "./dashboard/dashboard-routes.ts";
import { MAX_EVIDENCE_BYTES } from "./services/evidence-files.ts";
import { downloadTelegramFile } from "./services/telegram-files.ts";
import { createLogger, logWith } from "./observability/logger.ts";
import { Metrics } from "./observability/metrics.ts";
import { loadEnvFile } from "./load-env-file.ts";
import { OffsetClock, systemClock, type Clock } from "./time/clock.ts";
import { OutboxSender } from "./outbox/outbox-sender.ts";
import { SendPacer, TELEGRAM_LIMITS } from "./outbox/send-pacer.ts";
import { prepareAdminAccess } from "./services/bootstrap.ts";
import { Lease } from "./services/lease.ts";
import { rememberBotUsername } from "./services/bot-identity.ts";
import { LiveInstances } from "./services/live-instances.ts";
import { ensureAwardCatalogue } from "./services/ensure-award-catalogue.ts";
import { forgetFirstAdminLink, inviteLink, writeFirstAdminLink } from "./services/invites.ts";
import { officeHoursWindow } from "./services/office-hours-window.ts";
import { notifyUnreachable } from "./services/unreachable-notice.ts";
import { formatLocalDateTime } from "./time/calendar.ts";
import { telegramWebhookRoute, webhookServer } from "./webhook-server.ts";

/**
 * Starts dondoc: configuration, database, outbox, schedules, then updates by long polling
 * (@grammyjs/runner) or webhook, every one through the intake (recorded, then run in its chat's
 * turn). SIGINT/SIGTERM stop intake first, then let the updates and the message in flight
 * finish; queued messages stay in MongoDB for the next start.
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
  const logger = createLogger();
  const log = logWith(logger);
  // Every path catches its own failures; should one slip through, it is logged loudly, and the
  // process keeps serving the others.
  process.on("unhandledRejection", (reason) => log("unhandled rejection", { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }));
  const opened = await openDatabase(config, (line) => log(line), "bot");
  if (opened.database.kind === "emulator") warnAboutEmulator(opened.database.dataPath);
  else log(`database: ${opened.database.description}`);
  const clock: Clock = config.clockStart ? new OffsetClock(config.clockStart) : systemClock;
  await ensureAwardCatalogue(clock.now());

  const metrics = new Metrics();
  metrics.countDatabaseCommands(mongoose.connection.getClient());
  if (config.clockStart) log(`clock: starting at ${formatLocalDateTime(config.clockStart, config.timeZone)} (CLOCK_START)`);
  // The outbox keeps Telegram's limits itself, so it talks through an Api without auto-retry.
  const outboxApi = new Api(config.botToken!, { apiRoot: config.telegramApiRoot });
  const zalo = config.zalo ? new ZaloClient(config.zalo.token, config.zalo.apiRoot) : undefined;
  if (zalo) outboxApi.config.use(zaloTransformer(zalo, { defaultLocale: config.defaultLocale, publicBaseUrl: config.zalo?.publicBaseUrl, clock }));
  outboxApi.config.use(htmlParseMode());
  const deps: BotDeps = { config, clock, wakeOutbox: () => outbox.wake() };
  const telegramLimits = { ...TELEGRAM_LIMITS, ...config.telegramLimits };
  const pacer = config.zalo ? new NetworkPacer(telegramLimits, { ...ZALO_LIMITS, globalPerSecond: config.zalo.messagesPerSecond }) : new SendPacer(telegramLimits);
  const outbox = new OutboxSender({
    api: outboxApi,
    pacer,
    maxInFlight: config.outboxInFlight,
    clock,
    log,
    onUnreachable: (member) => notifyUnreachable(member, deps),
    sendWindow: officeHoursWindow(config),
    onThrottled: () => metrics.throttled.inc(),
    keepSentMs: config.retentionDays * 86_400_000,
  });
  const instance = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  // Conversation state read from MongoDB only when another instance ran the chat since (the intake says when).
  const conversationStates = new ConversationStateCache();
  const bot = createBot(deps, { conversationStorage: await mongoConversationStorage(conversationStates), log, metrics, pacer, zalo, publicBaseUrl: config.zalo?.publicBaseUrl });
  // Chats' turns compare instants across instances: real time, never a rehearsal's.
  const intake = new UpdateIntake({ instance, clock: systemClock, turnMs: config.chatTurnSeconds * 1000, handle: runUpdatesWith(bot), log, onDuplicate: () => metrics.redelivered.inc(), onChatRunElsewhere: (chat) => conversationStates.forget(chat) });
  // Zalo is polled by the lease holder, unless its webhook is set (then every instance receives it).
  const zaloWebhook = config.zalo?.webhook;
  const zaloPoller = zalo && !zaloWebhook ? new ZaloPoller(zalo, async (update) => void (await (await receiveZaloUpdate(intake, update))?.handled), log) : null;
  log(`contacting the Bot API at ${config.telegramApiRoot} …`);
  await contactPatiently(`the Bot API at ${config.telegramApiRoot}`, (signal) => bot.init(signal as never), { log });
  await rememberBotUsername(bot.botInfo.username);
  await setDefaultMenus(bot.api).catch((error: unknown) => log(`command menus not set: ${(error as Error).message}`, {}, "warn"));
  const access = await prepareAdminAccess({ adminIds: config.adminTelegramIds, ttlHours: config.inviteTtlHours, now: clock.now() });
  if (access.granted.length > 0) log(`ADMIN_TELEGRAM_IDS: ${access.granted.join(", ")} made administrator`);
  if (access.kind !== "bootstrap-invite") forgetFirstAdminLink(config.dataDir);
  else {
    // The one-time admin link is no log line: it goes to a file only this user can read, and
    // to the terminal when there is one.
    const link = inviteLink(bot.botInfo.username, access.code);
    const file = writeFirstAdminLink(config.dataDir, link, `${formatLocalDateTime(access.expiresAt, config.timeZone)} ${config.timeZone}`);
    log(`no administrator yet: the one-time admin link is in ${file} (or set ADMIN_TELEGRAM_IDS)`, {}, "warn");
    if (process.stdout.isTTY) {
      console.log(["", "=".repeat(72), "No administrator yet. Open this one-time link in Telegram to become the first:", `  ${link}`, `(valid until ${formatLocalDateTime(access.expiresAt, config.timeZone)} ${config.timeZone}; or set ADMIN_TELEGRAM_IDS)`, "=".repeat(72), ""].join("\n"));
    }
  }

  const scheduler = new JobScheduler(config, clock, () => outbox.wake(), log, metrics);

  // Any number of instances on one database: the lease holder runs the schedules, the outbox and
  // (in polling mode) long polling; the others stand by and take over when it dies.
  let runner: RunnerHandle | null = null;
  const leadership = new Leadership(
    new Lease("leader", instance, config.leaseSeconds * 1000),
    // Leases compare instants across instances: real time, never a rehearsal's.
    systemClock,
    {
      gain: async () => {
        // Whatever the previous leader had in flight goes back to the queue.
        await outbox.recoverStale(0);
        outbox.start();
        await scheduler.catchUp();
        scheduler.start();
        if (config.mode.kind === "polling") {
          await bot.api.deleteWebhook();
          runner = pollTelegram(bot, intake, log);
          log(`dondoc @${bot.botInfo.username}: long polling`);
        }
        if (zaloPoller) {
          await zalo!.call("deleteWebhook").catch(() => undefined);
          zaloPoller.start();
          log("Zalo bot: long polling");
        }
      },
      lose: async () => {
        if (runner?.isRunning()) await runner.stop();
        runner = null;
        await zaloPoller?.stop();
        await scheduler.stop();
        await outbox.stop();
      },
    },
    log,
    Math.max(1000, (config.leaseSeconds * 1000) / 4),
  );

  let stopIntake: () => Promise<void> = async () => undefined;
  let leaveInstances: () => Promise<void> = async () => undefined;
  intake.start();
  if (config.mode.kind === "webhook") {
    // Every instance replies: each keeps to its share of Telegram's overall rate.
    leaveInstances = await new LiveInstances(instance, config.leaseSeconds * 1000).keepCounting(
      Math.max(1000, (config.leaseSeconds * 1000) / 4),
      (count) => {
        pacer.shareWith(count);
        log(`instances alive: ${count}; this one sends at most ${pacer.overallPerSecond} messages a second to Telegram`);
      },
      log,
    );
    const { url, secret, port, host } = config.mode;
    const routes = [telegramWebhookRoute(new URL(url).pathname, secret)];
    if (zalo && zaloWebhook) routes.push(zaloWebhookRoute(new URL(zaloWebhook.url).pathname, zaloWebhook.secret));
    const server = webhookServer(intake, routes, log);
    await listen(server, host, port);
    await bot.api.setWebhook(url, { secret_token: secret });
    if (zalo && zaloWebhook) {
      const set = await zalo.call("setWebhook", { url: zaloWebhook.url, secret_token: zaloWebhook.secret });
      if (set.ok) log(`Zalo bot: webhook at ${new URL(zaloWebhook.url).pathname}`);
      else log(`Zalo webhook not set: ${set.error_code} ${set.description}`, {}, "error");
    }
    const address = server.address();
    log(`dondoc @${bot.botInfo.username}: webhook on ${host} port ${typeof address === "object" && address ? address.port : port}`);
    stopIntake = () => new Promise((resolve) => server.close(() => resolve()));
  }
  leadership.start();

  const dashboard = dashboardRoutes({
    botToken: config.botToken!,
    timeZone: config.timeZone,
    clock,
    telegramFile: (fileId) => downloadTelegramFile(bot.api, fileId, MAX_EVIDENCE_BYTES, config.telegramApiRoot),
    log,
  });
  const health = healthServer(metrics, { leading: () => leadership.isLeader, instance }, clock, { metricsToken: config.metricsToken }, [dashboard]);
  await listen(health, config.healthHost, config.healthPort).then(
    (address) => log(`health endpoints on ${address.address} port ${address.port}: /healthz /readyz /metrics /dashboard/${config.metricsToken ? " (with METRICS_TOKEN)" : ""}`),
    (error: Error) => log(`health endpoints not served: ${error.message}`, { host: config.healthHost, port: config.healthPort }, "error"),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await stopIntake();
    await leadership.stop();
    await intake.stop();
    await leaveInstances();
    health.close();
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
