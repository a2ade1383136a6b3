import { TEST_SCHEDULES } from "./schedules.ts";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { createBot } from "../../src/bot.ts";
import type { BotDeps } from "../../src/bot-deps.ts";
import type { BotContext } from "../../src/context.ts";
import { mongoConversationStorage } from "../../src/conversation-storage.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { LocalBotApi, type RecordedCall } from "../../devkit/bot-api/local-bot-api.ts";
import type { ZaloClient } from "../../src/zalo/zalo-client.ts";

/**
 * The bot under test, talking HTTP to the fake Bot API. Updates are handed to it one at a
 * time and awaited, so a test reads the bot's answers without waiting on timers.
 */
export const TOKEN = "123456:TEST-TOKEN-abcdefghijklmnopqrstu";
export const SECRETARIAT_GROUP = -1001000000001;

export interface Harness {
  telegram: LocalBotApi;
  clock: ManualClock;
  deps: BotDeps;
  bot: Bot<BotContext>;
  /** Builds a new bot on the same database and fake, as after a restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(now: Date, overrides: Partial<BotDeps["config"]> = {}, options: { zalo?: ZaloClient; readDocument?: BotDeps["readDocument"] } = {}): Promise<Harness> {
  const telegram = new LocalBotApi();
  const apiRoot = await telegram.start();
  const clock = new ManualClock(now);
  const deps: BotDeps = {
    config: {
      botToken: TOKEN,
      telegramApiRoot: apiRoot,
      defaultLocale: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
      secretariatChatId: SECRETARIAT_GROUP,
      inviteTtlHours: 72,
      conversationIdleMinutes: 30,
      schedules: TEST_SCHEDULES,
      quietHours: { startMinute: 18 * 60, endMinute: 7 * 60 },
      reportableMonths: 2,
      escalationWorkingDays: 3,
      ...overrides,
    },
    clock,
    wakeOutbox: () => undefined,
    readDocument: options.readDocument,
  };
  const build = async () => {
    // Flood limits and "once in a while" notices measure the test's clock: no test depends on the machine's speed.
    const bot = createBot(deps, { conversationStorage: await mongoConversationStorage(), zalo: options.zalo, realTime: () => clock.now().getTime() });
    await bot.init();
    return bot;
  };
  const harness: Harness = {
    telegram,
    clock,
    deps,
    bot: await build(),
    restart: async () => {
      harness.bot = await build();
    },
    stop: () => telegram.stop(),
  };
  return harness;
}

let nextUpdateId = 1;
let nextMessageId = 100_000;

/** A person in their private chat with the bot. */
export class TestUser {
  constructor(
    private readonly harness: Harness,
    readonly id: number,
    readonly firstName: string,
    readonly languageCode = "vi",
  ) {}

  private get from() {
    return { id: this.id, is_bot: false, first_name: this.firstName, language_code: this.languageCode };
  }

  private chat(chatId = this.id) {
    return chatId > 0 ? { id: chatId, type: "private" as const, first_name: this.firstName } : { id: chatId, type: "supergroup" as const, title: "Ban TĐKT" };
  }

  /** Hands one update to the bot and returns the Bot API calls it made. */
  private async deliver(update: Omit<Update, "update_id">): Promise<RecordedCall[]> {
    const before = this.harness.telegram.calls.length;
    await this.harness.bot.handleUpdate({ update_id: nextUpdateId++, ...update } as Update);
    return this.harness.telegram.calls.slice(before);
  }

  private message(extra: Record<string, unknown>, chatId?: number) {
    return { message_id: nextMessageId++, date: Math.floor(this.harness.clock.now().getTime() / 1000), chat: this.chat(chatId), from: this.from, ...extra };
  }

  say(text: string, options: { replyTo?: number; chatId?: number } = {}) {
    const command = /^\/\w+/.exec(text)?.[0];
    return this.deliver({
      message: this.message(
        {
          text,
          ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
          ...(options.replyTo ? { reply_to_message: { message_id: options.replyTo, date: 0, chat: this.chat(options.chatId), from: { id: 7000000001, is_bot: true, first_name: "Dondoc" }, text: "…" } } : {}),
        },
        options.chatId,
      ) as never,
    });
  }

  /**
   * Presses a button. "c:st:done" means the dialogue's button "st:done" on the latest keyboard
   * sent to this chat that has it (dialogue buttons carry a tag for their question), as a
   * person would press it; other data is pressed as given.
   */
  press(data: string, options: { messageId?: number; chatId?: number } = {}) {
    return this.pressData(this.resolveDialogueButton(data, options.chatId ?? this.id), options);
  }

  private resolveDialogueButton(data: string, chatId: number): string {
    if (!data.startsWith("c:") || /^c:[A-Za-z0-9_-]{4}\d+!?:/.test(data)) return data;
    const suffix = data.slice(2);
    const calls = this.harness.telegram.calls;
    for (let index = calls.length - 1; index >= 0; index--) {
      const call = calls[index]!;
      if (Number(call.params.chat_id) !== chatId) continue;
      const found = buttonsOf([call]).find((button) => button.data.replace(/^c:[A-Za-z0-9_-]{4}\d+!?:/, "") === suffix && button.data !== data);
      if (found) return found.data;
    }
    return data;
  }

  private pressData(data: string, options: { messageId?: number; chatId?: number } = {}) {
    // Telegram issues the query: the bot may answer it once.
    this.harness.telegram.issueCallbackQuery(String(nextUpdateId), this.id);
    return this.deliver({
      callback_query: {
        id: String(nextUpdateId),
        from: this.from,
        chat_instance: "1",
        data,
        message: { message_id: options.messageId ?? 1, date: 0, chat: this.chat(options.chatId), text: "…" },
      } as never,
    });
  }

  sendPhoto() {
    return this.deliver({ message: this.message({ photo: [{ file_id: "small-photo", file_unique_id: "p1", width: 90, height: 90 }, { file_id: "large-photo", file_unique_id: "p2", width: 1280, height: 960 }] }) as never });
  }

  sendDocument(fileName: string) {
    return this.deliver({ message: this.message({ document: { file_id: `doc-${fileName}`, file_unique_id: `u-${fileName}`, file_name: fileName, mime_type: "application/pdf" } }) as never });
  }

  /** Uploads a real file to the local Bot API server and sends it, as the Telegram app does. */
  uploadDocument(fileName: string, bytes: Buffer, mimeType = "application/octet-stream") {
    const file = this.harness.telegram.storeFile(fileName, mimeType, bytes);
    return this.deliver({
      message: this.message({ document: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: fileName, mime_type: mimeType, file_size: bytes.length } }) as never,
    });
  }

  sendSticker() {
    return this.deliver({ message: this.message({ sticker: { file_id: "sticker", file_unique_id: "s1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } }) as never });
  }
}

/** The texts the bot sent in a batch of calls. */
export function textsOf(calls: RecordedCall[]): string[] {
  return calls.filter((call) => call.method === "sendMessage" || call.method === "editMessageText").map((call) => String(call.params.text));
}

/** The callback data of every button the bot sent in a batch of calls. */
export function buttonsOf(calls: RecordedCall[]): { text: string; data: string }[] {
  return calls.flatMap((call) => {
    const markup = call.params.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
    return (markup?.inline_keyboard ?? []).flat().map((button) => ({ text: button.text, data: button.callback_data ?? "" }));
  });
}

/** The answers to button presses in a batch of calls. */
export function callbackAnswers(calls: RecordedCall[]): string[] {
  return calls.filter((call) => call.method === "answerCallbackQuery").map((call) => String(call.params.text ?? ""));
}
