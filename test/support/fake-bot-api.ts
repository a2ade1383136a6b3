import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Telegram's Bot API over HTTP: the bot under test talks to it through
 * TELEGRAM_API_ROOT exactly as it would talk to Telegram. It records every call, serves
 * queued updates to getUpdates (long polling), and refuses what Telegram refuses.
 */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

type Waiter = { test: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void };

/** An error the fake answers with instead of succeeding, as Telegram would. */
export interface InjectedFailure {
  error_code: number;
  description: string;
  retry_after?: number;
}

const ALLOWED_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote", "span"]);

/** What Telegram says about HTML it cannot parse; null when the markup is fine. */
export function htmlProblem(text: string): string | null {
  const stack: string[] = [];
  const tag = /<(\/?)([a-z-]+)(\s[^>]*)?>|<|&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/gi;
  for (const match of text.matchAll(tag)) {
    if (match[0] === "<" || match[0] === "&") return `Bad Request: can't parse entities: unexpected "${match[0]}" at byte offset ${match.index}`;
    const [, closing, name] = match;
    if (!ALLOWED_TAGS.has(name!.toLowerCase())) return `Bad Request: can't parse entities: unsupported start tag "${name}"`;
    if (closing) {
      if (stack.pop() !== name!.toLowerCase()) return `Bad Request: can't parse entities: can't find end tag corresponding to start tag "${name}"`;
    } else stack.push(name!.toLowerCase());
  }
  return stack.length > 0 ? `Bad Request: can't parse entities: can't find end tag corresponding to start tag "${stack.at(-1)}"` : null;
}

function markupProblem(markup: unknown): string | null {
  if (!markup) return null;
  const parsed = (typeof markup === "string" ? JSON.parse(markup) : markup) as { inline_keyboard?: { callback_data?: string; text?: string }[][] };
  for (const button of parsed.inline_keyboard?.flat() ?? []) {
    if (!button.text) return "Bad Request: text buttons are unallowed in the inline keyboard";
    if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) return "Bad Request: BUTTON_DATA_INVALID";
  }
  return null;
}

const BOT_USER = { id: 7000000001, is_bot: true, first_name: "Dondoc", username: "dondoc_test_bot" };

/** A file the bot uploaded: its name and bytes, as the fake received them. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

function readMultipart(raw: Buffer, boundary: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString("utf8");
    const body = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    const fileName = /filename="?([^";\r\n]*)"?/.exec(headers)?.[1];
    if (name) params[name] = fileName !== undefined ? ({ fileName, bytes: Buffer.from(body) } satisfies UploadedFile) : body.toString("utf8");
    start = next;
  }
  return params;
}

async function readParams(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // Uploads (sendDocument, sendPhoto) come as multipart/form-data.
    const params = readMultipart(raw, /boundary=(?:"([^"]+)"|([^;]+))/.exec(type)?.slice(1).find(Boolean) ?? "");
    // grammY sends the field as "attach://<id>" and the file under that id.
    for (const [key, value] of Object.entries(params)) {
      if (typeof value === "string" && value.startsWith("attach://")) params[key] = params[value.slice("attach://".length)];
    }
    return params;
  }
  const body = raw.toString("utf8");
  const url = new URL(request.url ?? "/", "http://localhost");
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (!body) return params;
  if ((request.headers["content-type"] ?? "").includes("application/json")) return { ...params, ...JSON.parse(body) };
  return params;
}

export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private updates: unknown[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private pollers: (() => void)[] = [];
  private waiters: Waiter[] = [];
  private failures: { method: string; chatId?: number; failure: InjectedFailure }[] = [];
  url = "";

  /** The next call of `method` (to `chatId`, if given) fails with `failure`, once per call to this. */
  failNext(method: string, failure: InjectedFailure, chatId?: number): void {
    this.failures.push({ method, chatId, failure });
  }

  private injectedFailure(method: string, params: Record<string, unknown>): InjectedFailure | undefined {
    const index = this.failures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === Number(params.chat_id)));
    if (index < 0) return undefined;
    return this.failures.splice(index, 1)[0]!.failure;
  }

  /** Calls of a method, in order. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        (result) => {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify(result));
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollers.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Queues a text message from a user in their private chat. */
  sendText(from: { id: number; first_name: string; language_code?: string }, text: string): void {
    const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] : undefined;
    this.pushUpdate({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: "private", first_name: from.first_name },
        from: { is_bot: false, ...from },
        text,
        ...(entities ? { entities } : {}),
      },
    });
  }

  pushUpdate(update: Record<string, unknown>): void {
    this.updates.push({ update_id: this.nextUpdateId++, ...update });
    for (const wake of this.pollers.splice(0)) wake();
  }

  /** Resolves with the first call (recorded already or to come) that passes `test`. */
  waitForCall(method: string, test: (params: Record<string, unknown>) => boolean = () => true): Promise<RecordedCall> {
    const matches = (call: RecordedCall) => call.method === method && test(call.params);
    const seen = this.calls.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: matches, resolve }));
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(call)) return true;
      waiter.resolve(call);
      return false;
    });
  }

  private async handle(request: IncomingMessage): Promise<unknown> {
    const method = (request.url ?? "").split("/").pop()?.split("?")[0] ?? "";
    const params = await readParams(request);
    if (method !== "getUpdates") this.record({ method, params });
    const failure = this.injectedFailure(method, params);
    if (failure) {
      const { retry_after, ...rest } = failure;
      return { ok: false, ...rest, ...(retry_after !== undefined ? { parameters: { retry_after } } : {}) };
    }
    switch (method) {
      case "getMe":
        return { ok: true, result: BOT_USER };
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
      case "deleteMyCommands":
        return { ok: true, result: true };
      case "answerCallbackQuery": {
        const text = String(params.text ?? "");
        if (text.length > 200) return { ok: false, error_code: 400, description: "Bad Request: MESSAGE_TOO_LONG" };
        return { ok: true, result: true };
      }
      case "editMessageReplyMarkup": {
        const problem = markupProblem(params.reply_markup);
        return problem ? { ok: false, error_code: 400, description: problem } : { ok: true, result: true };
      }
      case "editMessageText":
        return this.editMessageText(params);
      case "sendDocument":
      case "sendPhoto":
        return this.sendFile(method, params);
      case "getUpdates":
        return { ok: true, result: await this.pollUpdates(params) };
      case "sendMessage":
        return this.sendMessage(params);
      default:
        return { ok: false, error_code: 404, description: `Not Found: method ${method} is not served by the fake` };
    }
  }

  private sendFile(method: string, params: Record<string, unknown>) {
    const field = method === "sendPhoto" ? "photo" : "document";
    const file = params[field] as UploadedFile | string | undefined;
    if (!file) return { ok: false, error_code: 400, description: `Bad Request: there is no ${field} in the request` };
    const caption = String(params.caption ?? "");
    if (caption.length > 1024) return { ok: false, error_code: 400, description: "Bad Request: message caption is too long" };
    const chatId = Number(params.chat_id);
    const size = typeof file === "string" ? 0 : file.bytes.length;
    const described = method === "sendPhoto" ? { photo: [{ file_id: `photo-${this.nextMessageId}`, file_unique_id: `p${this.nextMessageId}`, width: 1, height: 1, file_size: size }] } : { document: { file_id: `doc-${this.nextMessageId}`, file_unique_id: `d${this.nextMessageId}`, file_name: typeof file === "string" ? file : file.fileName, file_size: size } };
    return { ok: true, result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup" }, from: BOT_USER, caption, ...described } };
  }

  private editMessageText(params: Record<string, unknown>) {
    const text = String(params.text ?? "");
    if (text.length === 0 || text.length > 4096) return { ok: false, error_code: 400, description: "Bad Request: MESSAGE_TOO_LONG" };
    const problem = (params.parse_mode === "HTML" ? htmlProblem(text) : null) ?? markupProblem(params.reply_markup);
    return problem ? { ok: false, error_code: 400, description: problem } : { ok: true, result: true };
  }

  private sendMessage(params: Record<string, unknown>) {
    const text = String(params.text ?? "");
    if (text.length === 0) return { ok: false, error_code: 400, description: "Bad Request: message text is empty" };
    if (text.length > 4096) return { ok: false, error_code: 400, description: "Bad Request: message is too long" };
    const problem = (params.parse_mode === "HTML" ? htmlProblem(text) : null) ?? markupProblem(params.reply_markup);
    if (problem) return { ok: false, error_code: 400, description: problem };
    const chatId = Number(params.chat_id);
    return {
      ok: true,
      result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup" }, from: BOT_USER, text },
    };
  }

  private async pollUpdates(params: Record<string, unknown>): Promise<unknown[]> {
    const offset = Number(params.offset ?? 0);
    this.updates = this.updates.filter((update) => (update as { update_id: number }).update_id >= offset);
    if (this.updates.length === 0 && Number(params.timeout ?? 0) > 0) {
      // Long polling: answer when an update arrives (or the fake stops).
      await new Promise<void>((resolve) => this.pollers.push(resolve));
    }
    return this.updates.slice(0, Number(params.limit ?? 100));
  }
}
