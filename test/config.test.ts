import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

describe("configuration", () => {
  it("fills sensible defaults", () => {
    const config = parseConfig({ BOT_TOKEN: token }, { botToken: true });
    expect(config).toMatchObject({
      botToken: token,
      telegramApiRoot: "https://api.telegram.org",
      mongodbUri: undefined,
      timeZone: "Asia/Ho_Chi_Minh",
      defaultLocale: "vi",
      mode: { kind: "polling" },
      schedules: { monthlyPush: "0 8 1 * *", reminders: "30 8 10,20 * *", weeklyDigest: "30 7 * * 1" },
    });
  });

  it("reads the webhook mode as a whole", () => {
    const config = parseConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://dondoc.laichau.gov.vn/telegram",
      WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
      SECRETARIAT_CHAT_ID: "-1001234567890",
    });
    expect(config.mode).toEqual({ kind: "webhook", url: "https://dondoc.laichau.gov.vn/telegram", secret: "s3cret-s3cret-s3cret", port: 8080, host: "127.0.0.1" });
    expect(config.secretariatChatId).toBe(-1001234567890);
  });

  it("lists every problem by name in one message", () => {
    let error: unknown;
    try {
      parseConfig(
        { BOT_MODE: "webhook", TZ: "Mars/Olympus", MONTHLY_PUSH_CRON: "every month", DEFAULT_LOCALE: "fr", MONGODB_URI: "postgres://x", SECRETARIAT_CHAT_ID: "group" },
        { botToken: true },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((problem) => problem.split(":")[0]);
    expect(names.sort()).toEqual(["BOT_TOKEN", "DEFAULT_LOCALE", "MONGODB_URI", "MONTHLY_PUSH_CRON", "SECRETARIAT_CHAT_ID", "TZ", "WEBHOOK_SECRET", "WEBHOOK_URL"]);
    expect((error as Error).message.split("\n")[0]).toBe("Invalid configuration:");
  });

  it("refuses to run production without MONGODB_URI, and the try-out database there too", async () => {
    expect(() => parseConfig({ BOT_TOKEN: token, NODE_ENV: "production" })).toThrow(/MONGODB_URI: required with NODE_ENV=production/);
    expect(parseConfig({ BOT_TOKEN: token, NODE_ENV: "production", MONGODB_URI: "mongodb://db1/dondoc" }).production).toBe(true);
    const { startDatabase, MissingDatabaseError } = await import("../src/db/start-database.ts");
    await expect(startDatabase({ production: true })).rejects.toBeInstanceOf(MissingDatabaseError);
  });

  it("does not need a token for the command line", () => {
    expect(parseConfig({}).botToken).toBeUndefined();
  });

  it("refuses a webhook over plain http and a short secret", () => {
    expect(() => parseConfig({ BOT_MODE: "webhook", WEBHOOK_URL: "http://x.vn/hook", WEBHOOK_SECRET: "short" })).toThrow(/WEBHOOK_URL[\s\S]*WEBHOOK_SECRET|WEBHOOK_SECRET[\s\S]*WEBHOOK_URL/);
  });

  it("reads the Zalo bot, and its webhook only beside Telegram's", () => {
    const zalo = parseConfig({ ZALO_BOT_TOKEN: "1234567890:abcdefgh", PUBLIC_BASE_URL: "https://dondoc.example.vn/" }).zalo;
    expect(zalo).toMatchObject({ token: "1234567890:abcdefgh", apiRoot: "https://bot-api.zaloplatforms.com", publicBaseUrl: "https://dondoc.example.vn", messagesPerSecond: 10, webhook: undefined });
    expect(parseConfig({}).zalo).toBeUndefined();
    expect(() => parseConfig({ ZALO_BOT_TOKEN: "1234567890:abcdefgh", ZALO_WEBHOOK_URL: "https://dondoc.example.vn/zalo" })).toThrow(/ZALO_WEBHOOK_URL: only with BOT_MODE=webhook[\s\S]*ZALO_WEBHOOK_SECRET: required/);
    const hooked = parseConfig({ BOT_MODE: "webhook", WEBHOOK_URL: "https://x.vn/tg", WEBHOOK_SECRET: "a-secret-of-sixteen", ZALO_BOT_TOKEN: "1234567890:abcdefgh", ZALO_WEBHOOK_URL: "https://x.vn/zalo", ZALO_WEBHOOK_SECRET: "zalo-secret" });
    expect(hooked.zalo?.webhook).toEqual({ url: "https://x.vn/zalo", secret: "zalo-secret" });
    expect(() => parseConfig({ ZALO_BOT_TOKEN: "not a token" })).toThrow(/ZALO_BOT_TOKEN/);
  });
});
