import { isIP } from "node:net";
import cron from "node-cron";
import { z } from "zod";
import { parseInstant } from "./time/calendar.ts";
import { DEFAULT_DOCUMENT_SETTINGS as REPORT, type DocumentSettings } from "./reports/document-settings.ts";
import { readQuietHours, type QuietHours } from "./time/quiet-hours.ts";

/**
 * The environment, read once into a typed object. Every problem is reported at once, by
 * variable name, so a person fixes their .env in one go.
 */
const cronString = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((value) => cron.validate(value), { message: "not a valid cron expression (minute hour day month weekday)" });

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const timeZone = z
  .string()
  .trim()
  .default("Asia/Ho_Chi_Minh")
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: "not an IANA time zone such as Asia/Ho_Chi_Minh" },
  );

/** An address to listen on: the loopback unless the operator chooses another (0.0.0.0 or :: for every interface). */
const host = z
  .string()
  .trim()
  .default("127.0.0.1")
  .refine((value) => isIP(value) !== 0 || value === "localhost", { message: "an IP address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)" });

const environmentSchema = z
  .object({
    BOT_TOKEN: optionalText.refine((value) => value === undefined || /^\d+:[\w-]{20,}$/.test(value), {
      message: "does not look like a token from @BotFather (123456:ABC…)",
    }),
    TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
    MONGODB_URI: optionalText.refine((value) => value === undefined || /^mongodb(\+srv)?:\/\//.test(value), {
      message: "must start with mongodb:// or mongodb+srv://",
    }),
    DATA_DIR: z.string().trim().min(1).default("data/runtime"),
    TZ: timeZone,
    DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
    SECRETARIAT_CHAT_ID: optionalText.refine((value) => value === undefined || /^-?\d+$/.test(value), {
      message: "must be a Telegram chat id (an integer, negative for groups)",
    }),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https$/ }).optional()),
    WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A–Z, a–z, 0–9, _ and -")
        .optional(),
    ),
    WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    MONTHLY_PUSH_CRON: cronString("0 8 1 * *"),
    REMINDER_CRON: cronString("30 8 10,20 * *"),
    DAILY_SUMMARY_CRON: cronString("0 17 * * *"),
    WEEKLY_DIGEST_CRON: cronString("30 7 * * 1"),
    NOMINATION_CHECK_CRON: cronString("5 * * * *"),
    GROUP_NOTICE_CRON: cronString("*/5 * * * *"),
    ESCALATION_CRON: cronString("0 9 * * *"),
    ADMIN_TELEGRAM_IDS: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || value.split(/[\s,;]+/).every((id) => /^\d{1,15}$/.test(id)), { message: "Telegram user ids (numbers), separated by commas" }),
    INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 60).default(72),
    CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    QUIET_HOURS: z
      .string()
      .trim()
      .default("18:00-07:00")
      .refine((value) => value === "off" || readQuietHours(value) !== null, { message: 'quiet hours as "18:00-07:00" (start-end, local time), or "off"' }),
    REPORTABLE_MONTHS: z.coerce.number().int().min(1).max(12).default(2),
    ESCALATION_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(3),
    LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(20),
    CHAT_TURN_SECONDS: z.coerce.number().int().min(2).max(120).default(10),
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
    HEALTH_HOST: host,
    WEBHOOK_HOST: host,
    METRICS_TOKEN: optionalText.refine((value) => value === undefined || /^[\x21-\x7e]{16,256}$/.test(value), { message: "16–256 printable characters without spaces" }),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    TELEGRAM_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
    TELEGRAM_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    TELEGRAM_GROUP_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(20),
    OUTBOX_SENDS_IN_FLIGHT: z.coerce.number().int().min(1).max(200).default(16),
    ZALO_BOT_TOKEN: optionalText.refine((value) => value === undefined || /^\d+:\S{8,}$/.test(value), { message: "the token Zalo Bot Creator gave you, such as 1234567890:abc…" }),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    ZALO_WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https$/ }).optional()),
    ZALO_WEBHOOK_SECRET: optionalText.refine((value) => value === undefined || (value.length >= 8 && value.length <= 256), { message: "8 to 256 characters" }),
    ZALO_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
    DASHBOARD_LINK_HOURS: z.coerce.number().int().min(1).max(168).default(24),
    ZALO_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://bot-api.zaloplatforms.com"),
    NODE_ENV: optionalText,
    CLOCK_START: optionalText.refine((value) => value === undefined || parseInstant(value, "Asia/Ho_Chi_Minh") !== null, { message: "an instant such as 2026-03-02T08:00:00+07:00" }),
    // The periodic report's heading and signature (Decree 30/2020/NĐ-CP).
    REPORT_ISSUER_PARENT: z.string().trim().default(REPORT.issuerParent),
    REPORT_ISSUER: z.string().trim().min(1).default(REPORT.issuer),
    REPORT_SYMBOL: z.string().trim().min(1).default(REPORT.symbol),
    REPORT_PLACE: z.string().trim().min(1).default(REPORT.place),
    REPORT_RECIPIENT: z.string().trim().default(REPORT.recipient),
    REPORT_SIGNER_AUTHORITY: z.string().trim().default(REPORT.signerAuthority),
    REPORT_SIGNER_TITLE: z.string().trim().min(1).default(REPORT.signerTitle),
    REPORT_SIGNER_NAME: z.string().trim().default(REPORT.signerName),
    REPORT_COPIES: z.string().trim().default(REPORT.copies.join("; ")),
    REPORT_TEMPLATE: optionalText,
  });

export type BotMode = { kind: "polling" } | { kind: "webhook"; url: string; secret: string; port: number; host: string };

export interface Config {
  /** NODE_ENV=production: a real MongoDB is required, never the try-out database. */
  production: boolean;
  botToken: string | undefined;
  telegramApiRoot: string;
  mongodbUri: string | undefined;
  dataDir: string;
  timeZone: string;
  defaultLocale: "vi" | "en";
  secretariatChatId: number | undefined;
  mode: BotMode;
  schedules: { monthlyPush: string; reminders: string; dailySummary: string; weeklyDigest: string; nominationDeadlines: string; groupNotices: string; escalation: string };
  /** Members made admins at start-up, instead of the printed one-time link. */
  adminTelegramIds: number[];
  inviteTtlHours: number;
  conversationIdleMinutes: number;
  /** When the bot writes to nobody unasked (local time); null: any time of a working day. */
  quietHours: QuietHours | null;
  /** How many months, the current one included, may still be reported on. */
  reportableMonths: number;
  /** Working days after the month's last reminder before silent agencies are escalated. */
  escalationWorkingDays: number;
  /** How long the leader's lease lasts without renewal: another instance takes over after it. */
  leaseSeconds: number;
  /** How long a chat's turn lasts without renewal: a dead instance's chats are taken over after it. */
  chatTurnSeconds: number;
  /** When set, the bot's clock starts at this instant (rehearsals, tests); real time otherwise. */
  clockStart: Date | null;
  /** /healthz, /readyz and /metrics listen here (0: any free port), on this address (the loopback by default). */
  healthPort: number;
  healthHost: string;
  /** When set, /metrics (and the details of /readyz) need `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Sent messages and posted notices are deleted this long after; reports, nominations and the audit never are. */
  retentionDays: number;
  /** Telegram's limits as the outbox and replies keep them (a bot with paid broadcasts has higher ones). */
  telegramLimits: { globalPerSecond: number; perChatMs: number; groupPerMinute: number };
  outboxInFlight: number;
  /**
   * The dashboard (src/dashboard/): served under /dashboard/ of HEALTH_PORT; buttons and links to
   * it are sent only when PUBLIC_BASE_URL says where people reach that port.
   */
  dashboard: { publicBaseUrl: string | undefined; linkHours: number };
  /** The Zalo bot, when focal officers use Zalo; undefined: Telegram only. */
  zalo: { token: string; apiRoot: string; publicBaseUrl: string | undefined; messagesPerSecond: number; webhook: { url: string; secret: string } | undefined } | undefined;
  /** The periodic report's heading, signature and template. */
  documents: DocumentSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface ConfigNeeds {
  /** The bot needs its token; the CLI does not. */
  botToken?: boolean;
}

export function parseConfig(env: Record<string, string | undefined>, needs: ConfigNeeds = {}): Config {
  const result = environmentSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
  if (needs.botToken && !env.BOT_TOKEN?.trim()) problems.unshift("BOT_TOKEN: required (the token @BotFather gave you)");
  // Checked on the raw values so they are reported together with every other problem.
  if (env.BOT_MODE === "webhook") {
    if (!env.WEBHOOK_URL?.trim()) problems.push("WEBHOOK_URL: required when BOT_MODE=webhook");
    if (!env.WEBHOOK_SECRET?.trim()) problems.push("WEBHOOK_SECRET: required when BOT_MODE=webhook");
  }
  // Zalo's webhook is served by the same server as Telegram's, and needs its secret.
  if (env.ZALO_WEBHOOK_URL?.trim()) {
    if (env.BOT_MODE !== "webhook") problems.push("ZALO_WEBHOOK_URL: only with BOT_MODE=webhook (without it, dondoc polls Zalo)");
    if (!env.ZALO_WEBHOOK_SECRET?.trim()) problems.push("ZALO_WEBHOOK_SECRET: required with ZALO_WEBHOOK_URL");
  }
  if (env.NODE_ENV?.trim() === "production" && !env.MONGODB_URI?.trim()) {
    problems.push("MONGODB_URI: required with NODE_ENV=production (the embedded database is for trying dondoc out)");
  }
  if (!result.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const data = result.data;
  return {
    production: data.NODE_ENV === "production",
    botToken: data.BOT_TOKEN,
    telegramApiRoot: data.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    zalo: data.ZALO_BOT_TOKEN ? { token: data.ZALO_BOT_TOKEN, apiRoot: data.ZALO_API_ROOT.replace(/\/+$/, ""), publicBaseUrl: data.PUBLIC_BASE_URL?.replace(/\/+$/, ""), messagesPerSecond: data.ZALO_MESSAGES_PER_SECOND, webhook: data.ZALO_WEBHOOK_URL && data.ZALO_WEBHOOK_SECRET ? { url: data.ZALO_WEBHOOK_URL, secret: data.ZALO_WEBHOOK_SECRET } : undefined } : undefined,
    dashboard: { publicBaseUrl: data.PUBLIC_BASE_URL?.replace(/\/+$/, ""), linkHours: data.DASHBOARD_LINK_HOURS },
    mongodbUri: data.MONGODB_URI,
    dataDir: data.DATA_DIR,
    timeZone: data.TZ,
    defaultLocale: data.DEFAULT_LOCALE,
    secretariatChatId: data.SECRETARIAT_CHAT_ID === undefined ? undefined : Number(data.SECRETARIAT_CHAT_ID),
    mode:
      data.BOT_MODE === "webhook"
        ? { kind: "webhook", url: data.WEBHOOK_URL!, secret: data.WEBHOOK_SECRET!, port: data.WEBHOOK_PORT, host: data.WEBHOOK_HOST }
        : { kind: "polling" },
    schedules: {
      monthlyPush: data.MONTHLY_PUSH_CRON,
      reminders: data.REMINDER_CRON,
      dailySummary: data.DAILY_SUMMARY_CRON,
      weeklyDigest: data.WEEKLY_DIGEST_CRON,
      nominationDeadlines: data.NOMINATION_CHECK_CRON,
      groupNotices: data.GROUP_NOTICE_CRON,
      escalation: data.ESCALATION_CRON,
    },
    adminTelegramIds: data.ADMIN_TELEGRAM_IDS ? data.ADMIN_TELEGRAM_IDS.split(/[\s,;]+/).map(Number) : [],
    inviteTtlHours: data.INVITE_TTL_HOURS,
    conversationIdleMinutes: data.CONVERSATION_IDLE_MINUTES,
    quietHours: data.QUIET_HOURS === "off" ? null : readQuietHours(data.QUIET_HOURS),
    reportableMonths: data.REPORTABLE_MONTHS,
    escalationWorkingDays: data.ESCALATION_WORKING_DAYS,
    leaseSeconds: data.LEASE_SECONDS,
    chatTurnSeconds: data.CHAT_TURN_SECONDS,
    healthPort: data.HEALTH_PORT,
    healthHost: data.HEALTH_HOST,
    metricsToken: data.METRICS_TOKEN,
    retentionDays: data.RETENTION_DAYS,
    telegramLimits: { globalPerSecond: data.TELEGRAM_MESSAGES_PER_SECOND, perChatMs: data.TELEGRAM_CHAT_INTERVAL_MS, groupPerMinute: data.TELEGRAM_GROUP_MESSAGES_PER_MINUTE },
    outboxInFlight: data.OUTBOX_SENDS_IN_FLIGHT,
    clockStart: data.CLOCK_START ? parseInstant(data.CLOCK_START, data.TZ) : null,
    documents: {
      issuerParent: data.REPORT_ISSUER_PARENT,
      issuer: data.REPORT_ISSUER,
      symbol: data.REPORT_SYMBOL,
      place: data.REPORT_PLACE,
      recipient: data.REPORT_RECIPIENT,
      signerAuthority: data.REPORT_SIGNER_AUTHORITY,
      signerTitle: data.REPORT_SIGNER_TITLE,
      signerName: data.REPORT_SIGNER_NAME,
      // Nơi nhận: recipients separated by ";" (a recipient's own commas stay).
      copies: data.REPORT_COPIES.split(";").map((copy) => copy.trim()).filter(Boolean),
      template: data.REPORT_TEMPLATE,
    },
  };
}
