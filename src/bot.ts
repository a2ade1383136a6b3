import { autoRetry } from "@grammyjs/auto-retry";
import { conversations, createConversation, type ConversationData, type ConversationStorage } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import type { ZaloClient } from "./zalo/zalo-client.ts";
import { zaloTransformer } from "./zalo/zalo-transformer.ts";
import { Bot, type Transformer } from "grammy";
import { createInviteMember, INVITE_MEMBER } from "../conversations/invite-member.ts";
import { createNomination, NOMINATION } from "../conversations/nomination.ts";
import { createOpenRound, OPEN_ROUND } from "../conversations/open-round.ts";
import { createPlanImport, PLAN_IMPORT } from "../conversations/plan-import.ts";
import { createProgressReport, PROGRESS_REPORT } from "../conversations/progress-report.ts";
import type { BotDeps } from "./bot-deps.ts";
import type { BotContext, ConversationContext } from "./context.ts";
import { absenceFeature } from "./features/absence.ts";
import { dashboardFeature } from "./features/dashboard.ts";
import { digestFeature } from "./features/digest.ts";
import { directoryFeature } from "./features/directory.ts";
import { documentsFeature } from "./features/documents.ts";
import { fallbacksFeature } from "./features/fallbacks.ts";
import { focalReportingFeature } from "./features/focal-reporting.ts";
import { helpAndLanguageFeature } from "./features/help-and-language.ts";
import { linkedChatsFeature } from "./features/linked-chats.ts";
import { loadMember, negotiateLocale } from "./middleware/member-loader.ts";
import { nominationsFeature } from "./features/nominations.ts";
import { onboardingFeature } from "./features/onboarding.ts";
import { updateLog } from "./middleware/update-log.ts";
import type { Log } from "./observability/logger.ts";
import type { Metrics } from "./observability/metrics.ts";
import { pacedApi } from "./outbox/paced-api.ts";
import type { SendPacer } from "./outbox/send-pacer.ts";
import { floodLimit } from "./middleware/flood-limit.ts";
import { idleDialogues } from "./middleware/idle-dialogues.ts";
import { OncePerPeriod } from "./chat/once-per-period.ts";
import { transformersBelowReplay } from "./middleware/conversation-api.ts";
import { secretariatFeature } from "./features/secretariat.ts";
import { secretariatInvitesFeature } from "./features/secretariat-invites.ts";
import { strangersFeature } from "./features/strangers.ts";
import { workingCalendarFeature } from "./features/working-calendar.ts";
import { yearCloseFeature } from "./features/year-close.ts";
import { periodReportFeature } from "./features/period-report.ts";
import { translations } from "./i18n.ts";
import { htmlParseMode } from "./chat/parse-mode.ts";

/**
 * Builds the bot from its configuration and dependencies; nothing starts here, so tests and
 * main.ts decide how updates arrive.
 */
export interface CreateBotOptions {
  /** Where conversation state is kept; MongoDB in the product. */
  conversationStorage: ConversationStorage<BotContext, ConversationData>;
  /** Where a line per update goes (structured logs), and the metrics it feeds. */
  log?: Log;
  metrics?: Metrics;
  /** Shared with the outbox, so replies and queued messages are counted together against Telegram's limits. */
  pacer?: SendPacer;
  /** The Zalo bot, when configured: calls to Zalo chats go there, in Zalo's form. */
  zalo?: ZaloClient;
  /** Where Zalo fetches the charts dondoc publishes (PUBLIC_BASE_URL). */
  publicBaseUrl?: string;
  /**
   * Time as the flood limits and "once in a while" notices measure it: real time by default
   * (also when the bot's clock is a rehearsal's or the sandbox's); tests give their clock.
   */
  realTime?: () => number;
  /** How many updates a person may send in a chat in a window before the rest is not read. */
  floodLimit?: { updates: number; windowMs: number };
}

/**
 * Replies go at once and a burst of officers can outrun Telegram's 30 a second: its 429s are
 * waited out, as often as it takes a crowd answering together to drain (three tries were not
 * enough for 50 officers at once), so no answer ends in "sorry" for a passing limit.
 */
const RETRY = { maxRetryAttempts: 10, maxDelaySeconds: 60 };

export function createBot(deps: BotDeps, options: CreateBotOptions): Bot<BotContext> {
  const { config } = deps;
  if (!config.botToken) throw new Error("BOT_TOKEN is required to build the bot");
  const bot = new Bot<BotContext>(config.botToken, { client: { apiRoot: config.telegramApiRoot } });
  // The last transformer installed runs first: Zalo innermost, so its calls are paced and retried too.
  const zalo = options.zalo ? zaloTransformer(options.zalo, { defaultLocale: config.defaultLocale, publicBaseUrl: options.publicBaseUrl, clock: deps.clock }) : null;
  if (zalo) bot.api.config.use(zalo);
  bot.api.config.use(autoRetry(RETRY));
  const paced = options.pacer ? pacedApi(options.pacer, deps.clock) : null;
  if (paced) bot.api.config.use(paced);
  // Outermost: the Zalo transformer reads the parse mode this one sets.
  const parseMode = htmlParseMode();
  bot.api.config.use(parseMode);
  const translated = translations(config.defaultLocale).middleware(negotiateLocale);

  // A flood is cut before anything else: it waits behind nothing and costs no database call.
  const once = new OncePerPeriod(options.realTime ?? Date.now);
  bot.use(floodLimit({ now: options.realTime ?? Date.now, once, defaultLocale: config.defaultLocale, log: options.log, metrics: options.metrics, ...options.floodLimit }));
  bot.use((ctx, next) => {
    const who = `${ctx.chat?.id ?? "-"}:${ctx.from?.id ?? "-"}`;
    ctx.firstTimeInPeriod = (topic) => once.take(topic, who);
    return next();
  });
  // One update at a time per chat within this process, so a conversation sees its answers in
  // order. Across instances, and each update once, is the intake's work (src/intake/): the bot
  // runs what it is handed.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  if (options.log) bot.use(updateLog(options.log, options.metrics));
  bot.use(loadMember);
  bot.use(translated as never);
  bot.use(strangersFeature);

  // Conversations get fresh context objects (and a fresh Api): the same transformers, below the
  // conversation's replay, so nothing is sent or waited for again when a conversation replays.
  const inside = transformersBelowReplay(...[zalo, autoRetry(RETRY), paced, parseMode].filter((t): t is Transformer => t !== null));
  const dialogues = idleDialogues(options.conversationStorage, config.conversationIdleMinutes * 60_000, () => deps.clock.now().getTime());
  bot.use(dialogues.middleware);
  bot.use(conversations<BotContext, ConversationContext>({ storage: dialogues.storage, plugins: [translated as never, inside] }));
  bot.use(createConversation(createProgressReport(deps), PROGRESS_REPORT));
  bot.use(createConversation(createInviteMember(deps), INVITE_MEMBER));
  bot.use(createConversation(createNomination(deps), NOMINATION));
  bot.use(createConversation(createOpenRound(deps), OPEN_ROUND));
  bot.use(createConversation(createPlanImport(deps), PLAN_IMPORT));

  bot.use(onboardingFeature(deps));
  bot.use(helpAndLanguageFeature());
  bot.use(linkedChatsFeature(deps));
  bot.use(focalReportingFeature(deps));
  bot.use(absenceFeature(deps));
  bot.use(secretariatFeature(deps));
  bot.use(secretariatInvitesFeature());
  bot.use(nominationsFeature(deps));
  bot.use(digestFeature(deps));
  bot.use(dashboardFeature(deps));
  bot.use(directoryFeature(deps));
  bot.use(workingCalendarFeature(deps));
  bot.use(yearCloseFeature(deps));
  bot.use(periodReportFeature(deps));
  bot.use(documentsFeature(deps));
  bot.use(fallbacksFeature);

  bot.catch(async (error) => {
    const reason = error.error instanceof Error ? (error.error.stack ?? error.error.message) : String(error.error);
    if (options.log) options.log("update failed", { update: error.ctx.update.update_id, error: reason }, "error");
    else console.error(`update ${error.ctx.update.update_id} failed:`, error.error);
    await error.ctx.reply(error.ctx.t("error-generic")).catch(() => undefined);
  });
  return bot;
}
