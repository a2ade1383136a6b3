import type { RunnerHandle } from "@grammyjs/runner";
import { Api } from "grammy";
import mongoose from "mongoose";
import { jobContext } from "../../jobs/context-from-config.ts";
import { nextOccurrenceOf } from "../../jobs/job-schedule.ts";
import { isJobName, runJob } from "../../jobs/registry.ts";
import * as models from "../../models/index.ts";
import { createBot } from "../../src/bot.ts";
import { rememberBotUsername } from "../../src/services/bot-identity.ts";
import type { BotDeps } from "../../src/bot-deps.ts";
import { parseConfig } from "../../src/config.ts";
import { mongoConversationStorage } from "../../src/conversation-storage.ts";
import { DEFAULT_DB_NAME } from "../../src/db/open-database.ts";
import { startDatabase, type RunningDatabase } from "../../src/db/start-database.ts";
import { ManualClock, systemClock } from "../../src/time/clock.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { flushGroupNotices } from "../../src/services/group-notices.ts";
import { officeHoursWindow } from "../../src/services/office-hours-window.ts";
import { notifyUnreachable } from "../../src/services/unreachable-notice.ts";
import { loadSendRules } from "../../src/services/working-calendar.ts";
import { parseInstant } from "../../src/time/calendar.ts";
import { LocalBotApi } from "../bot-api/local-bot-api.ts";
import { SANDBOX_SAMPLES, seedDemo, SECRETARIAT_GROUP_ID, type SandboxSample } from "./demo-data.ts";
import { sandboxRoutes, type ClockRun } from "./sandbox-routes.ts";
import { LocalZaloApi } from "../zalo-api/local-zalo-api.ts";
import { dashboardRoutes } from "../../src/dashboard/dashboard-routes.ts";
import { dashboardUrl } from "../../src/services/dashboard-access.ts";
import { MAX_EVIDENCE_BYTES } from "../../src/services/evidence-files.ts";
import { downloadTelegramFile } from "../../src/services/telegram-files.ts";
import { ZaloClient } from "../../src/zalo/zalo-client.ts";
import { ZaloPoller } from "../../src/zalo/zalo-poller.ts";
import { zaloTransformer } from "../../src/zalo/zalo-transformer.ts";
import { receiveZaloUpdate, runUpdatesWith } from "../../src/intake/bot-updates.ts";
import { pollTelegram } from "../../src/intake/telegram-polling.ts";
import { UpdateIntake } from "../../src/intake/update-intake.ts";

/**
 * The whole bot without Telegram: a database, a local Bot API server, the bot polling it exactly
 * as it would poll Telegram, and a page to play the people. The clock starts on 1 March 2018 and
 * moves only when the clock panel says, so a month of work plays in minutes.
 */
export interface Sandbox {
  url: string;
  database: RunningDatabase | null;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  port?: number;
  /** Use this database (tests); otherwise an embedded one is started for the sandbox alone. */
  mongoUri?: string;
  log?: (line: string) => void;
  /** "2018" (Lai Châu's plan, the default) or "2026" (the sample after the 2025 reorganisation). */
  sample?: SandboxSample["key"];
}

const TOKEN = "1000000001:SANDBOX-dondoc-local-bot-api-token";

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? (() => undefined);
  const config = { ...parseConfig({ ...process.env, BOT_TOKEN: TOKEN, SECRETARIAT_CHAT_ID: "", MONGODB_URI: "" }), botToken: TOKEN, secretariatChatId: undefined };
  let database: RunningDatabase | null = null;
  if (options.mongoUri) {
    await mongoose.connect(options.mongoUri);
  } else {
    database = await startDatabase({ log });
    log(`database: ${database.description}`);
    await mongoose.connect(database.uri, { dbName: `${DEFAULT_DB_NAME}_sandbox` });
  }
  await Promise.all(Object.values(models).map((model) => model.init()));

  const sample = SANDBOX_SAMPLES[options.sample ?? "2018"];
  const clock = new ManualClock(parseInstant(sample.start, config.timeZone)!);
  const seeded = await seedDemo(sample, clock.now());
  // The local Bot API server numbers updates from 1 again at every start.
  await models.ChatQueueModel.deleteMany({});
  log(`plan: ${seeded.tasks} tasks from ${seeded.planSource}`);

  const api = new LocalBotApi({ token: TOKEN, enforceGroupRate: true, botUser: { id: 1000000001, first_name: "Dondoc", username: "dondoc_sandbox_bot" }, now: () => clock.now() });
  await api.start(options.port ?? 0);
  api.addGroup(SECRETARIAT_GROUP_ID, "Ban Thi đua – Khen thưởng");
  for (const persona of sample.personas.filter((p) => p.role !== "group")) api.addPrivateChat({ id: persona.userId, first_name: persona.name.split(" — ")[0]! });
  config.telegramApiRoot = api.url;
  // The dashboard on the sandbox's own address: its buttons appear under /tinhhinh and the digest.
  config.dashboard = { publicBaseUrl: api.url, linkHours: 24 };
  // The Zalo persona talks to a local Zalo Bot API server, as an officer on Zalo would.
  const zaloApi = new LocalZaloApi();
  const zalo = new ZaloClient(zaloApi.token, await zaloApi.start());
  for (const persona of sample.personas.filter((p) => p.zaloId)) zaloApi.addUser({ id: persona.zaloId!, display_name: persona.name.split(" — ")[0]! });
  const zaloOptions = { defaultLocale: config.defaultLocale, publicBaseUrl: api.url, clock };

  const deps: BotDeps = { config, clock, wakeOutbox: () => outbox.wake() };
  // Pacing runs on real time; office hours follow the sandbox's clock, so 23:00 there holds messages.
  const window = officeHoursWindow(config);
  const outboxApi = new Api(TOKEN, { apiRoot: api.url });
  outboxApi.config.use(zaloTransformer(zalo, zaloOptions));
  const outbox = new OutboxSender({
    api: outboxApi,
    clock: systemClock,
    log,
    onUnreachable: (member) => notifyUnreachable(member, deps),
    sendWindow: { isOpen: () => window.isOpen(clock.now()) },
  });
  const bot = createBot(deps, { conversationStorage: await mongoConversationStorage(), zalo, publicBaseUrl: api.url });
  await bot.init();
  await rememberBotUsername(bot.botInfo.username);
  // Updates go through the intake, as in npm start: recorded, then run in their chat's turn.
  const intake = new UpdateIntake({ instance: "sandbox", clock: systemClock, handle: runUpdatesWith(bot), log: (line) => log(line) });
  intake.start();
  const runner: RunnerHandle = pollTelegram(bot, intake, (line) => log(line));
  const zaloPoller = new ZaloPoller(zalo, async (update) => void (await (await receiveZaloUpdate(intake, update))?.handled), log);
  zaloPoller.start();
  outbox.start(1000);
  const noticeTimer = setInterval(() => {
    void flushGroupNotices(config, clock.now()).then((n) => n > 0 && outbox.wake());
  }, 3000);

  const languages = { lang: "vi" as "vi" | "en" };
  const panel = {
    now: () => clock.now(),
    async run(action: string, date: string | undefined): Promise<ClockRun> {
      const at = date ? parseInstant(date, config.timeZone) : null;
      if (action === "set") {
        if (!at) throw new Error("date needed");
        clock.set(at);
        return { job: "set", asOf: at.toISOString(), enqueued: 0, alreadyQueued: 0 };
      }
      if (!isJobName(action)) throw new Error(`unknown action ${action}`);
      // Without a date, the job's next occurrence after the sandbox's present, as really scheduled.
      const next = at ? null : nextOccurrenceOf(action, clock.now(), config.schedules, await loadSendRules(config));
      const asOf = at ?? next?.at;
      if (!asOf) throw new Error(`no occurrence of ${action} within a year`);
      clock.set(asOf);
      const result = await runJob(action, jobContext(config, asOf), config.schedules);
      await flushGroupNotices(config, asOf);
      outbox.wake();
      return { job: action, asOf: asOf.toISOString(), enqueued: result.enqueued, alreadyQueued: result.alreadyQueued };
    },
  };
  const fileApi = new Api(TOKEN, { apiRoot: api.url });
  const dashboard = dashboardRoutes({ botToken: TOKEN, timeZone: config.timeZone, clock, telegramFile: (fileId) => downloadTelegramFile(fileApi, fileId, MAX_EVIDENCE_BYTES, api.url), log });
  const routes = sandboxRoutes(api, panel, languages, sample, zaloApi, { token: TOKEN, dashboardUrl: dashboardUrl(api.url) });
  api.fallback = (request, response) => {
    if (!dashboard(request, response)) void routes(request, response);
  };

  return {
    url: api.url,
    database,
    stop: async () => {
      clearInterval(noticeTimer);
      await runner.stop();
      await zaloPoller.stop();
      await intake.stop();
      await zaloApi.stop();
      await outbox.stop();
      await api.stop();
      await mongoose.disconnect();
      await database?.stop();
    },
  };
}
