import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeLocally, listenLocally } from "../local-server.ts";
import { downloadHeaders } from "../safe-download.ts";
import { readRequestParams, type UploadedFile } from "./request-params.ts";
import { LIMITS, markupProblem, readMessageText, type InlineButton, type MessageText } from "./telegram-limits.ts";
import type { HtmlStrictness, TextEntity } from "./telegram-html.ts";

/**
 * A Telegram Bot API server on this machine: the bot talks to it through TELEGRAM_API_ROOT
 * exactly as it talks to Telegram. It keeps chats and their messages, hands updates to
 * getUpdates (offsets, long polling), stores files, and refuses what Telegram refuses. People
 * act in it through `sendText`, `pressButton` and `sendFile` (the sandbox page, and tests); tests
 * can also read every call and make the next one fail.
 */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

export interface InjectedFailure {
  error_code: number;
  description: string;
  retry_after?: number;
}

/**
 * A call held on its way to Telegram, as over a stalled link (tests of slow answers and of a bot
 * killed mid-call). Until released, Telegram has not acted on it; if the caller is gone by then
 * (its process killed), the call never arrives: nothing is recorded or sent.
 */
export interface HeldCall {
  /** Resolves when the call has come as far as the hold. */
  arrived: Promise<RecordedCall>;
  /** Resolves if the caller goes away (its connection closes) while the call is held. */
  gone: Promise<void>;
  /** Lets the call through, or answers it with the failure instead of acting on it. */
  release(failure?: InjectedFailure): void;
}

export interface SandboxUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  path: string;
}

/** A message as Telegram keeps it, plus the HTML it was sent with, for a page to show. */
export interface StoredMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: string; title?: string; first_name?: string };
  from: { id: number; is_bot: boolean; first_name: string; username?: string };
  text?: string;
  caption?: string;
  html?: string;
  photo?: { file_id: string; file_unique_id: string; width: number; height: number; file_size: number }[];
  document?: { file_id: string; file_unique_id: string; file_name: string; mime_type: string; file_size: number };
  reply_markup?: { inline_keyboard: InlineButton[][] };
  reply_to_message?: StoredMessage;
  entities?: { type: string; offset: number; length: number }[] | TextEntity[];
  caption_entities?: TextEntity[];
}

export interface CallbackAnswer {
  userId: number;
  text: string;
  showAlert: boolean;
}

type Waiter = { test: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void };
type Result = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

const LONG_POLL_CAP_SECONDS = 50;

const NOT_MODIFIED: Result = {
  ok: false,
  error_code: 400,
  description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
};

const isHtml = (parseMode: unknown) => typeof parseMode === "string" && parseMode.toLowerCase() === "html";
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface LocalBotApiOptions {
  /** Only this token is served; any other gets 401 as from Telegram. Undefined: any token. */
  token?: string;
  botUser?: { id: number; first_name: string; username: string };
  /** Enforce Telegram's 20 messages a minute per group with 429s (real time). */
  enforceGroupRate?: boolean;
  /** The time messages are stamped with (the sandbox's own clock); real time by default. */
  now?: () => Date;
  /**
   * Enforce the bot's overall rate and the one-message-a-second per private chat as strictly as
   * a sliding window, with 429s (for benchmarks of the outbox).
   */
  enforceRates?: { globalPerSecond: number; perChatMs: number };
  /** Round-trip time added to every call (half before it is handled, half after): a server in Vietnam. */
  latencyMs?: number;
  /**
   * How HTML is refused (devkit/bot-api/telegram-html.ts): "documentation" (the default) also
   * refuses what the Bot API documentation forbids and Telegram lets through (a stray `&`, `&nbsp;`,
   * bad nesting); "telegram" only what Telegram itself refuses.
   */
  htmlStrictness?: HtmlStrictness;
}

/** What the strict server saw: sends accepted, refused with 429, and accepted before a retry_after had passed. */
export interface RateStats {
  accepted: number;
  throttled: number;
  early: number;
}

export class LocalBotApi {
  readonly calls: RecordedCall[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly bot: { id: number; is_bot: true; first_name: string; username: string };
  url = "";
  private server: Server | undefined;
  private updates: { update_id: number }[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private pollers: (() => void)[] = [];
  private waiters: Waiter[] = [];
  private failures: { method: string; chatId?: number; failure: InjectedFailure }[] = [];
  private holds: { method: string; chatId?: number; arrive: (call: RecordedCall) => void; leave: () => void; released: Promise<InjectedFailure | undefined> }[] = [];
  private readonly chats = new Map<number, { chat: StoredMessage["chat"]; messages: StoredMessage[] }>();
  private readonly files = new Map<string, StoredFile>();
  private readonly groupSends = new Map<number, number[]>();
  private readonly callbackUsers = new Map<string, number>();
  /** Routes other than the Bot API (the sandbox page) answer here. */
  fallback: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;

  constructor(private readonly options: LocalBotApiOptions = {}) {
    this.bot = { id: 7000000001, first_name: "Dondoc", username: "dondoc_test_bot", ...options.botUser, is_bot: true };
  }

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    ({ server: this.server, url: this.url } = await listenLocally((request, response) => this.route(request, response), port, host));
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollers.splice(0)) wake();
    await closeLocally(this.server);
  }

  // —— for tests ——

  failNext(method: string, failure: InjectedFailure, chatId?: number): void {
    this.failures.push({ method, chatId, failure });
  }

  /** Holds the next call of `method` (to `chatId`, when given) until the test releases it. */
  holdNext(method: string, chatId?: number): HeldCall {
    let arrive!: (call: RecordedCall) => void;
    const arrived = new Promise<RecordedCall>((resolve) => (arrive = resolve));
    let leave!: () => void;
    const gone = new Promise<void>((resolve) => (leave = resolve));
    let release!: (failure?: InjectedFailure) => void;
    const released = new Promise<InjectedFailure | undefined>((resolve) => (release = resolve));
    this.holds.push({ method, chatId, arrive, leave, released });
    return { arrived, gone, release };
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first call (recorded already or to come) that passes `test`. */
  waitForCall(method: string, test: (params: Record<string, unknown>) => boolean = () => true): Promise<RecordedCall> {
    const matches = (call: RecordedCall) => call.method === method && test(call.params);
    const seen = this.calls.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: matches, resolve }));
  }

  // —— what people do ——

  /** A group chat (the secretariat's), known before anyone writes in it. */
  addGroup(chatId: number, title: string): void {
    this.chatRecord({ id: chatId, type: "supergroup", title });
  }

  /** A person's private chat with the bot, known before they write in it. */
  addPrivateChat(user: SandboxUser): void {
    this.chatRecord({ id: user.id, type: "private", first_name: user.first_name });
  }

  messagesOf(chatId: number): StoredMessage[] {
    return this.chats.get(chatId)?.messages ?? [];
  }

  fileById(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** A person writes in a chat (their private chat with the bot when `chatId` is their id). */
  sendText(from: SandboxUser, text: string, options: { chatId?: number; replyTo?: number } = {}): StoredMessage {
    const command = /^\/\w+/.exec(text)?.[0];
    return this.userMessage(from, options.chatId ?? from.id, {
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      ...(options.replyTo ? { reply_to_message: this.messagesOf(options.chatId ?? from.id).find((m) => m.message_id === options.replyTo) } : {}),
    });
  }

  /** A person presses an inline button of a message; only buttons that exist can be pressed. */
  pressButton(from: SandboxUser, chatId: number, messageId: number, data: string): boolean {
    const message = this.messagesOf(chatId).find((m) => m.message_id === messageId);
    const exists = message?.reply_markup?.inline_keyboard.flat().some((button) => button.callback_data === data);
    if (!message || !exists) return false;
    const id = randomBytes(8).toString("hex");
    this.callbackUsers.set(id, from.id);
    this.pushUpdate({ callback_query: { id, from: { is_bot: false, ...from }, message, chat_instance: String(chatId), data } });
    return true;
  }

  /**
   * A callback query a test hands to the bot itself (a press of a forged or stale button): as
   * Telegram would have issued it, the bot may answer it once.
   */
  issueCallbackQuery(id: string, userId: number): void {
    this.callbackUsers.set(id, userId);
  }

  /** A person sends a photo or a file. */
  sendFile(from: SandboxUser, chatId: number, upload: { fileName: string; mimeType: string; bytes: Buffer; asPhoto: boolean; caption?: string }): StoredMessage {
    const file = this.storeFile(upload.fileName, upload.mimeType, upload.bytes, upload.asPhoto ? "photos" : "documents");
    return this.userMessage(from, chatId, { ...(upload.caption ? { caption: upload.caption } : {}), ...this.describeFile(file, upload.asPhoto) });
  }

  /** Queues an update for getUpdates, waking a long poll. */
  pushUpdate(update: Record<string, unknown>): void {
    this.updates.push({ update_id: this.nextUpdateId++, ...update });
    for (const wake of this.pollers.splice(0)) wake();
  }

  // —— the Bot API ——

  private route(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (api) {
      void this.answerCall(api[1]!, api[2]!, request).then(
        (result) => {
          response.writeHead(result.ok ? 200 : result.error_code, { "content-type": "application/json" });
          response.end(JSON.stringify(result));
        },
        (error: unknown) => {
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` }));
        },
      );
      return;
    }
    if (file && this.tokenOk(file[1]!)) {
      const stored = [...this.files.values()].find((f) => f.path === decodeURIComponent(file[2]!));
      if (stored) {
        response.writeHead(200, downloadHeaders(stored.fileName, stored.mimeType));
        response.end(stored.bytes);
        return;
      }
    }
    if (this.fallback) return this.fallback(request, response);
    response.writeHead(404);
    response.end("Not Found");
  }

  private tokenOk(token: string): boolean {
    return this.options.token === undefined || token === this.options.token;
  }

  private async answerCall(token: string, method: string, request: IncomingMessage): Promise<Result> {
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency / 2));
    const result = await this.handleCall(token, method, request);
    if (!result.ok && result.error_code === 400) this.noteRefusal(method, result.description);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency / 2));
    return result;
  }

  /** Every call refused with 400, in order: what a test reads when the bot breaks against Telegram's rules. */
  readonly refusals: { method: string; params: Record<string, unknown>; description: string }[] = [];

  private noteRefusal(method: string, description: string): void {
    const params = [...this.calls].reverse().find((call) => call.method === method)?.params ?? {};
    this.refusals.push({ method, params, description });
    // LOCAL_BOT_API_LOG_REFUSALS=1 prints each refusal with what was sent, for finding where the bot breaks.
    if (process.env.LOCAL_BOT_API_LOG_REFUSALS) console.error(`[local Bot API] refused ${method}: ${description}\n  sent: ${JSON.stringify(params).slice(0, 600)}`);
  }

  private async handleCall(token: string, method: string, request: IncomingMessage): Promise<Result> {
    if (!this.tokenOk(token)) return { ok: false, error_code: 401, description: "Unauthorized" };
    const params = await readRequestParams(request);
    const hold = this.holds.findIndex((h) => h.method === method && (h.chatId === undefined || h.chatId === Number(params.chat_id)));
    if (hold >= 0) {
      const { arrive, leave, released } = this.holds.splice(hold, 1)[0]!;
      let callerGone = false;
      request.socket.once("close", () => {
        callerGone = true;
        leave();
      });
      arrive({ method, params });
      const failure = await released;
      // The caller went away while its call was held: it never reached Telegram.
      if (callerGone || request.socket.destroyed) return { ok: false, error_code: 499, description: "the caller went away" };
      if (failure) this.failures.unshift({ method, failure });
    }
    if (method !== "getUpdates") this.record({ method, params });
    const failure = this.failures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === Number(params.chat_id)));
    if (failure >= 0) {
      const { retry_after, ...rest } = this.failures.splice(failure, 1)[0]!.failure;
      return { ok: false, ...rest, ...(retry_after !== undefined ? { parameters: { retry_after } } : {}) };
    }
    switch (method) {
      case "getMe":
        return { ok: true, result: { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } };
      case "getUpdates": {
        const updates = await this.pollUpdates(params);
        if (updates === "conflict") return { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" };
        return { ok: true, result: updates };
      }
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
      case "deleteMyCommands":
        return { ok: true, result: true };
      case "getMyCommands":
        return { ok: true, result: [] };
      case "sendMessage":
        return this.sendMessage(params);
      case "editMessageText":
        return this.editMessageText(params);
      case "editMessageReplyMarkup":
        return this.editReplyMarkup(params);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(params);
      case "sendPhoto":
      case "sendDocument":
        return this.sendFileFromBot(method, params);
      case "getFile":
        return this.getFile(params);
      default:
        return { ok: false, error_code: 404, description: `Not Found: method ${method} is not served here` };
    }
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(call)) return true;
      waiter.resolve(call);
      return false;
    });
  }

  /** The long poll waiting now; a second poller ends it with 409, as Telegram does. */
  private currentPoll: (() => void) | null = null;

  private async pollUpdates(params: Record<string, unknown>): Promise<unknown[] | "conflict"> {
    this.currentPoll?.();
    const offset = Number(params.offset ?? 0);
    this.updates = this.updates.filter((update) => update.update_id >= offset);
    const timeout = Math.min(Number(params.timeout ?? 0), LONG_POLL_CAP_SECONDS);
    let conflict = false;
    if (this.updates.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          if (this.currentPoll === terminate) this.currentPoll = null;
          resolve();
        };
        const terminate = () => {
          conflict = true;
          finish();
        };
        const timer = setTimeout(finish, timeout * 1000);
        this.currentPoll = terminate;
        this.pollers.push(finish);
      });
    }
    if (conflict) return "conflict";
    return this.updates.slice(0, Number(params.limit ?? 100));
  }

  private chatRecord(chat: StoredMessage["chat"]) {
    let record = this.chats.get(chat.id);
    if (!record) {
      record = { chat, messages: [] };
      this.chats.set(chat.id, record);
    }
    return record;
  }

  private chatFor(chatId: number, user?: SandboxUser): StoredMessage["chat"] {
    return this.chats.get(chatId)?.chat ?? (chatId > 0 ? { id: chatId, type: "private", first_name: user?.first_name ?? String(chatId) } : { id: chatId, type: "supergroup", title: String(chatId) });
  }

  private userMessage(from: SandboxUser, chatId: number, content: Partial<StoredMessage>): StoredMessage {
    const message: StoredMessage = {
      message_id: this.nextMessageId++,
      date: this.stamp(),
      chat: this.chatFor(chatId, from),
      from: { is_bot: false, ...from },
      ...content,
    };
    this.chatRecord(message.chat).messages.push(message);
    this.pushUpdate({ message });
    return message;
  }

  private stamp(): number {
    return Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
  }

  readonly rateStats: RateStats = { accepted: 0, throttled: 0, early: 0 };
  private recentSends: number[] = [];
  private readonly lastToChat = new Map<number, number>();
  private readonly retryNotBefore = new Map<number, number>();

  private refuse(chatId: number, retryAfter: number, now: number): Result {
    this.rateStats.throttled++;
    this.retryNotBefore.set(chatId, Math.max(this.retryNotBefore.get(chatId) ?? 0, now + retryAfter * 1000));
    return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
  }

  private rateLimited(chatId: number): Result | null {
    const strict = this.options.enforceRates;
    if (strict) {
      const now = Date.now();
      this.recentSends = this.recentSends.filter((at) => at > now - 1000);
      if (this.recentSends.length >= strict.globalPerSecond) return this.refuse(chatId, 1, now);
      const last = this.lastToChat.get(chatId);
      if (chatId > 0 && last !== undefined && now - last < strict.perChatMs) return this.refuse(chatId, 1, now);
      if (now < (this.retryNotBefore.get(chatId) ?? 0)) this.rateStats.early++;
      this.recentSends.push(now);
      this.lastToChat.set(chatId, now);
      this.rateStats.accepted++;
    }
    if (!this.options.enforceGroupRate || chatId > 0) return null;
    const now = Date.now();
    const sends = (this.groupSends.get(chatId) ?? []).filter((at) => at > now - 60_000);
    if (sends.length >= LIMITS.groupPerMinute) {
      const retryAfter = Math.ceil((sends[0]! + 60_000 - now) / 1000);
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    }
    this.groupSends.set(chatId, [...sends, now]);
    return null;
  }

  private botMessage(chatId: number, content: Partial<StoredMessage>): StoredMessage {
    const message: StoredMessage = { message_id: this.nextMessageId++, date: this.stamp(), chat: this.chatFor(chatId), from: this.bot, ...content };
    this.chatRecord(message.chat).messages.push(message);
    return message;
  }

  /** The text (or caption) as Telegram keeps it, or Telegram's refusal of it or of the keyboard. */
  private readText(chatId: number, raw: unknown, parseMode: unknown, markup: unknown, kind: "text" | "caption"): MessageText {
    const read = readMessageText(raw === undefined || raw === null ? "" : String(raw), parseMode, kind, this.options.htmlStrictness);
    if (!read.ok) return read;
    const problem = markupProblem(markup, this.chatFor(chatId).type);
    return problem ? { ok: false, description: problem } : read;
  }

  private sendMessage(params: Record<string, unknown>): Result {
    const chatId = Number(params.chat_id);
    if (params.chat_id === undefined || params.chat_id === "") return { ok: false, error_code: 400, description: "Bad Request: chat_id is empty" };
    if (!Number.isFinite(chatId)) return { ok: false, error_code: 400, description: "Bad Request: chat not found" };
    const read = this.readText(chatId, params.text, params.parse_mode, params.reply_markup, "text");
    if (!read.ok) return { ok: false, error_code: 400, description: read.description };
    const limited = this.rateLimited(chatId);
    if (limited) return limited;
    const html = isHtml(params.parse_mode) ? String(params.text) : undefined;
    const message = this.botMessage(chatId, {
      text: read.text,
      ...(read.entities.length > 0 ? { entities: read.entities } : {}),
      html,
      ...(params.reply_markup ? { reply_markup: params.reply_markup as StoredMessage["reply_markup"] } : {}),
    });
    return { ok: true, result: message };
  }

  private findMessage(params: Record<string, unknown>): StoredMessage | undefined {
    return this.messagesOf(Number(params.chat_id)).find((m) => m.message_id === Number(params.message_id));
  }

  private editMessageText(params: Record<string, unknown>): Result {
    const read = this.readText(Number(params.chat_id), params.text, params.parse_mode, params.reply_markup, "text");
    if (!read.ok) return { ok: false, error_code: 400, description: read.description };
    const message = this.findMessage(params);
    if (!message) return { ok: false, error_code: 400, description: "Bad Request: message to edit not found" };
    if (message.text === undefined) return { ok: false, error_code: 400, description: "Bad Request: there is no text in the message to edit" };
    const markup = params.reply_markup as StoredMessage["reply_markup"] | undefined;
    if (message.text === read.text && sameJson(message.entities ?? [], read.entities) && sameJson(message.reply_markup, markup)) return NOT_MODIFIED;
    const html = isHtml(params.parse_mode) ? String(params.text) : undefined;
    Object.assign(message, { text: read.text, html });
    if (read.entities.length > 0) message.entities = read.entities;
    else delete message.entities;
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
    return { ok: true, result: message };
  }

  private editReplyMarkup(params: Record<string, unknown>): Result {
    const problem = markupProblem(params.reply_markup, this.chatFor(Number(params.chat_id)).type);
    if (problem) return { ok: false, error_code: 400, description: problem };
    const message = this.findMessage(params);
    if (!message) return { ok: false, error_code: 400, description: "Bad Request: message to edit not found" };
    const markup = params.reply_markup as StoredMessage["reply_markup"] | undefined;
    if (sameJson(message.reply_markup, markup)) return NOT_MODIFIED;
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
    return { ok: true, result: message };
  }

  private answerCallbackQuery(params: Record<string, unknown>): Result {
    const text = String(params.text ?? "");
    if (text.length > LIMITS.callbackAnswer) return { ok: false, error_code: 400, description: "Bad Request: MESSAGE_TOO_LONG" };
    const queryId = String(params.callback_query_id ?? "");
    // A query is answered once; an unknown or answered one is refused (Telegram's QUERY_ID_INVALID).
    if (!this.callbackUsers.has(queryId)) return { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" };
    const userId = this.callbackUsers.get(queryId)!;
    this.callbackUsers.delete(queryId);
    this.callbackAnswers.push({ userId, text, showAlert: params.show_alert === true || params.show_alert === "true" });
    return { ok: true, result: true };
  }

  /** Keeps a file as if a person had uploaded it, for getFile and downloads. */
  storeFile(fileName: string, mimeType: string, bytes: Buffer, folder = "documents"): StoredFile {
    const fileId = `file_${randomBytes(12).toString("hex")}`;
    const extension = /\.[A-Za-z0-9]+$/.exec(fileName)?.[0] ?? "";
    const file = { fileId, fileUniqueId: randomBytes(6).toString("hex"), fileName, mimeType, bytes, path: `${folder}/${fileId}${extension}` };
    this.files.set(fileId, file);
    return file;
  }

  private describeFile(file: StoredFile, asPhoto: boolean): Partial<StoredMessage> {
    if (asPhoto) return { photo: [{ file_id: file.fileId, file_unique_id: file.fileUniqueId, width: 1280, height: 960, file_size: file.bytes.length }] };
    return { document: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: file.fileName, mime_type: file.mimeType, file_size: file.bytes.length } };
  }

  private sendFileFromBot(method: string, params: Record<string, unknown>): Result {
    const field = method === "sendPhoto" ? "photo" : "document";
    const chatId = Number(params.chat_id);
    const upload = params[field] as UploadedFile | string | undefined;
    if (!upload) return { ok: false, error_code: 400, description: `Bad Request: there is no ${field} in the request` };
    const read = this.readText(chatId, params.caption, params.parse_mode, params.reply_markup, "caption");
    if (!read.ok) return { ok: false, error_code: 400, description: read.description };
    const limited = this.rateLimited(chatId);
    if (limited) return limited;
    let file: StoredFile | undefined;
    if (typeof upload === "string") file = this.files.get(upload);
    else {
      const mime = field === "photo" ? "image/png" : /\.xlsx$/i.test(upload.fileName) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/octet-stream";
      file = this.storeFile(upload.fileName, mime, upload.bytes, field === "photo" ? "photos" : "documents");
    }
    if (!file) return { ok: false, error_code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified" };
    const html = isHtml(params.parse_mode) && read.text ? String(params.caption) : undefined;
    const message = this.botMessage(chatId, {
      ...(read.text ? { caption: read.text, html } : {}),
      ...(read.entities.length > 0 ? { caption_entities: read.entities } : {}),
      ...(params.reply_markup ? { reply_markup: params.reply_markup as StoredMessage["reply_markup"] } : {}),
      ...this.describeFile(file, field === "photo"),
    });
    return { ok: true, result: message };
  }

  private getFile(params: Record<string, unknown>): Result {
    const file = this.files.get(String(params.file_id ?? ""));
    if (!file) return { ok: false, error_code: 400, description: "Bad Request: invalid file_id" };
    return { ok: true, result: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, file_path: file.path } };
  }
}
