import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeLocally, listenLocally } from "../local-server.ts";
import { readRequestParams } from "../bot-api/request-params.ts";

/**
 * A local stand-in for Zalo's Bot API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>),
 * checked endpoint by endpoint against Zalo's documentation (bot.zaloplatforms.com/docs: the API
 * pages getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, sendPhoto,
 * sendSticker, sendChatAction; the Webhook page; "Bảng mã lỗi"). It refuses every method,
 * parameter and value the documentation does not have; where the documentation is silent it
 * takes the stricter reading, and README's "Zalo" section lists every such reading.
 *
 * In short: parameters by query string, form, JSON or multipart, every one a String; text and
 * captions of 1 to 2,000 characters; no buttons, no formatting, no editing; one update per
 * getUpdates answer, shaped like the webhook's `result`; no polling while a webhook is set; the
 * webhook posts `{ ok: true, result: update }` with the secret in X-Bot-Api-Secret-Token.
 */
export const ZALO_LIMITS = { text: 2000, secretMin: 8, secretMax: 256, defaultPollSeconds: 30 } as const;

export interface ZaloUser {
  id: string;
  display_name: string;
}

export interface ZaloCall {
  method: string;
  params: Record<string, unknown>;
}

export interface ZaloSent {
  message_id: string;
  chat_id: string;
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  date: number;
}

/** One message of a chat as the person sees it on Zalo, theirs or the bot's. */
export interface ZaloThreadEntry {
  fromBot: boolean;
  message_id: string;
  date: number;
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
}

/** One POST of an update to the bot's webhook, and how the bot answered it (0: no answer). */
export interface ZaloWebhookDelivery {
  body: unknown;
  status: number;
}

/** The documented events (Webhook page, `event_name`). */
export type ZaloEventName = "message.text.received" | "message.image.received" | "message.sticker.received" | "message.unsupported.received";

export interface LocalZaloApiOptions {
  /**
   * The body of a webhook POST. "documented" (the default): `{ ok: true, result: update }`, as
   * the Webhook page shows it. "flat": the update alone, as integrators report Zalo's servers
   * actually post it. A bot must read both.
   */
  webhookEnvelope?: "documented" | "flat";
}

type Failure = { ok: false; error_code: number; description: string };
type Result = { ok: true; result?: unknown } | Failure;

/** Every documented parameter is a String (the API pages' "Kiểu dữ liệu"). */
const PARAMS: Record<string, { required: string[]; optional: string[] }> = {
  getMe: { required: [], optional: [] },
  getUpdates: { required: [], optional: ["timeout"] },
  setWebhook: { required: ["url", "secret_token"], optional: [] },
  deleteWebhook: { required: [], optional: [] },
  getWebhookInfo: { required: [], optional: [] },
  sendMessage: { required: ["chat_id", "text"], optional: [] },
  sendPhoto: { required: ["chat_id", "photo"], optional: ["caption"] },
  sendSticker: { required: ["chat_id", "sticker"], optional: [] },
  sendChatAction: { required: ["chat_id", "action"], optional: [] },
};

const badRequest = (words: string): Failure => ({ ok: false, error_code: 400, description: `Bad Request: ${words}` });

/** Telegram-style markup a Zalo reader would see as it is: a tag or an HTML entity. */
const LITERAL_MARKUP = /<\/?(?:b|i|u|s|a|code|pre|em|strong|blockquote|tg-[a-z]+|span|br)\b[^>]*>|&(?:lt|gt|amp|quot|nbsp|#\d+|#x[0-9a-f]+);/i;

/** A webhook URL: HTTPS, as setWebhook asks; plain HTTP only to this machine (tests, the sandbox). */
function webhookUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "url must be an HTTPS address";
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && loopback)) return null;
  return "url must be an HTTPS address";
}

export class LocalZaloApi {
  readonly calls: ZaloCall[] = [];
  readonly sent: ZaloSent[] = [];
  /** Every POST to the bot's webhook, in order. */
  readonly webhookDeliveries: ZaloWebhookDelivery[] = [];
  /** Texts the bot sent with Telegram markup in them (`<b>`, `&amp;` …), which a Zalo reader sees as they are. */
  readonly literalMarkup: { chat_id: string; text: string }[] = [];
  url = "";
  private server: Server | undefined;
  private readonly updates: Record<string, unknown>[] = [];
  private readonly pollers: (() => void)[] = [];
  private readonly users = new Map<string, ZaloUser>();
  private readonly blocked = new Set<string>();
  private webhook: { url: string; secret: string; updatedAt: number } | null = null;
  private readonly failures: { method: string; error: { error_code: number; description: string } }[] = [];
  private readonly threads = new Map<string, ZaloThreadEntry[]>();
  private readonly photos = new Map<string, Buffer>();
  private deliveries: Promise<void> = Promise.resolve();

  constructor(
    readonly token = "1234567890:zalo-local-token",
    private readonly options: LocalZaloApiOptions = {},
  ) {}

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    ({ server: this.server, url: this.url } = await listenLocally((request, response) => void this.route(request, response), port, host));
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollers.splice(0)) wake();
    await this.deliveries;
    await closeLocally(this.server);
  }

  // —— what people do ——

  addUser(user: ZaloUser): void {
    this.users.set(user.id, user);
  }

  /** The person blocks the bot (or leaves): sends to them are refused from now on. */
  block(userId: string): void {
    this.blocked.add(userId);
  }

  sendText(user: ZaloUser, text: string): void {
    this.users.set(user.id, user);
    this.push("message.text.received", user, { text });
  }

  sendPhoto(user: ZaloUser, url: string, caption?: string): void {
    this.users.set(user.id, user);
    this.push("message.image.received", user, { photo: url, ...(caption ? { caption } : {}) });
  }

  /** A sticker from Zalo's catalogue (its id and its picture's address, as the Webhook page lists them). */
  sendSticker(user: ZaloUser, sticker = "0e078a2fb66a5f34067b"): void {
    this.users.set(user.id, user);
    this.push("message.sticker.received", user, { sticker, url: `https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=${sticker}` });
  }

  /** Something Zalo does not pass on (a file, a voice message, a protected account's message): no content. */
  sendUnsupported(user: ZaloUser): void {
    this.users.set(user.id, user);
    this.push("message.unsupported.received", user, {});
  }

  /** A photo on Zalo's servers, as a person's photo message points to it: its address. */
  storePhoto(bytes: Buffer): string {
    const id = randomBytes(12).toString("hex");
    this.photos.set(id, bytes);
    return `${this.url}/photos/${id}.jpg`;
  }

  /** The next answer of `method` fails as given (a test of failure handling). */
  failNext(method: string, error: { error_code: number; description: string }): void {
    this.failures.push({ method, error });
  }

  /** What the bot sent to a person, in order. */
  sentTo(userId: string): ZaloSent[] {
    return this.sent.filter((message) => message.chat_id === userId);
  }

  /** The whole chat with a person, in order: what they sent and what the bot sent. */
  thread(userId: string): ZaloThreadEntry[] {
    return this.threads.get(userId) ?? [];
  }

  textsTo(userId: string): string[] {
    return this.sentTo(userId).map((message) => message.text ?? message.caption ?? "");
  }

  /** Resolves once every webhook POST made so far has been answered. */
  async webhookSettled(): Promise<void> {
    await this.deliveries;
  }

  private remember(userId: string, entry: ZaloThreadEntry): void {
    const thread = this.threads.get(userId) ?? [];
    thread.push(entry);
    this.threads.set(userId, thread);
  }

  // —— the API ——

  /** An update as the Webhook page shows its `result`: the event's name and the message. */
  private push(event: ZaloEventName, user: ZaloUser, content: Record<string, unknown>): void {
    const message = {
      from: { id: user.id, display_name: user.display_name, is_bot: false },
      chat: { id: user.id, chat_type: "PRIVATE" },
      ...content,
      message_id: randomBytes(10).toString("hex"),
      date: Date.now(),
    };
    const update = { message, event_name: event };
    this.remember(user.id, { fromBot: false, message_id: message.message_id, date: message.date, ...(content as Omit<ZaloThreadEntry, "fromBot" | "message_id" | "date">) });
    if (this.webhook) return this.deliver(this.webhook, update);
    this.updates.push(update);
    for (const wake of this.pollers.splice(0)) wake();
  }

  /** POSTs an update to the webhook, one after the other, and notes how the bot answered. */
  private deliver(webhook: { url: string; secret: string }, update: Record<string, unknown>): void {
    const body = (this.options.webhookEnvelope ?? "documented") === "documented" ? { ok: true, result: update } : update;
    this.deliveries = this.deliveries.then(async () => {
      const status = await fetch(webhook.url, { method: "POST", headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": webhook.secret }, body: JSON.stringify(body) }).then(
        async (response) => {
          await response.arrayBuffer().catch(() => undefined);
          return response.status;
        },
        () => 0,
      );
      this.webhookDeliveries.push({ body, status });
    });
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const photo = this.photos.get(/^\/photos\/([0-9a-f]+)\.jpg$/.exec(path)?.[1] ?? "");
    if (photo) {
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.length });
      return void response.end(photo);
    }
    const answer = (result: Result) => {
      response.writeHead(result.ok ? 200 : result.error_code, { "content-type": "application/json" });
      response.end(JSON.stringify(result));
    };
    // "Bảng mã lỗi": 400 for a wrong address or an API name that does not exist.
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!match) return answer(badRequest("wrong address"));
    if (match[1] !== this.token) return answer({ ok: false, error_code: 401, description: "Unauthorized" });
    if (request.method !== "GET" && request.method !== "POST") return answer(badRequest(`HTTP method ${request.method} is not supported`));
    let params: Record<string, unknown>;
    try {
      params = await readRequestParams(request);
    } catch {
      return answer(badRequest("the body is not a JSON object"));
    }
    const method = match[2]!;
    this.calls.push({ method, params });
    const result = await this.handle(method, params, response);
    if (result && !result.ok && result.error_code === 400) this.noteRefusal(method, params, result.description);
    if (result) answer(result);
  }

  /** Every call refused with 400, in order: what a test reads when the bot breaks Zalo's rules. */
  readonly refusals: { method: string; params: Record<string, unknown>; description: string }[] = [];

  private noteRefusal(method: string, params: Record<string, unknown>, description: string): void {
    this.refusals.push({ method, params, description });
    // LOCAL_ZALO_API_LOG_REFUSALS=1 prints each refusal with what was sent (and each text with literal markup), for finding where the bot breaks.
    if (process.env.LOCAL_ZALO_API_LOG_REFUSALS) console.error(`[local Zalo API] refused ${method}: ${description}\n  sent: ${JSON.stringify(params).slice(0, 600)}`);
  }

  private check(method: string, params: Record<string, unknown>): string | null {
    const shape = PARAMS[method];
    // Method names are case-sensitive (the documentation's "Lưu ý").
    if (!shape) return `API name ${method} does not exist`;
    for (const name of Object.keys(params)) if (!shape.required.includes(name) && !shape.optional.includes(name)) return `${name} is not a parameter of ${method}`;
    for (const [name, value] of Object.entries(params)) if (typeof value !== "string") return `${name} must be a String`;
    for (const name of shape.required) if (params[name] === undefined || params[name] === "") return `${name} is required`;
    return null;
  }

  private async handle(method: string, params: Record<string, unknown>, response: ServerResponse): Promise<Result | null> {
    const problem = this.check(method, params);
    if (problem) return badRequest(problem);
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) return { ok: false, ...this.failures.splice(failure, 1)[0]!.error };
    const p = params as Record<string, string | undefined>;
    const chatId = p.chat_id;
    if (chatId !== undefined) {
      if (!this.users.has(chatId)) return badRequest("user not found");
      // Not documented: what Zalo answers for a person who blocked the bot. 403 is Zalo's "Internal server error".
      if (this.blocked.has(chatId)) return badRequest("the user has blocked the bot");
    }
    switch (method) {
      case "getMe":
        return { ok: true, result: { id: "1459232241454765289", account_name: "bot.dondoc", account_type: "BASIC", can_join_groups: false } };
      case "getUpdates": {
        const timeout = p.timeout ?? String(ZALO_LIMITS.defaultPollSeconds);
        if (!/^\d{1,4}$/.test(timeout)) return badRequest("timeout must be a number of seconds");
        return this.poll(Number(timeout), response);
      }
      case "setWebhook": {
        const secret = p.secret_token!;
        if (secret.length < ZALO_LIMITS.secretMin || secret.length > ZALO_LIMITS.secretMax) return badRequest("secret_token must be 8 to 256 characters");
        if (!/^[A-Za-z0-9_-]+$/.test(secret)) return badRequest("secret_token may hold only letters, digits, _ and -");
        const urlProblem = webhookUrlProblem(p.url!);
        if (urlProblem) return badRequest(urlProblem);
        this.webhook = { url: p.url!, secret, updatedAt: Date.now() };
        return { ok: true, result: { url: this.webhook.url, updated_at: this.webhook.updatedAt } };
      }
      case "deleteWebhook":
        this.webhook = null;
        return { ok: true, result: { url: "", updated_at: Date.now() } };
      case "getWebhookInfo":
        return { ok: true, result: { url: this.webhook?.url ?? "", updated_at: this.webhook?.updatedAt ?? 0 } };
      case "sendMessage":
      case "sendPhoto": {
        const text = method === "sendMessage" ? p.text : p.caption;
        if (text !== undefined) {
          // "độ dài từ 1 đến 2000 ký tự", counted in UTF-16 units (an emoji is two); blank text is refused.
          if (text.trim().length === 0 || text.length > ZALO_LIMITS.text) return badRequest(`${method === "sendMessage" ? "text" : "caption"} must be 1 to ${ZALO_LIMITS.text} characters`);
          if (LITERAL_MARKUP.test(text)) {
            this.literalMarkup.push({ chat_id: chatId!, text });
            if (process.env.LOCAL_ZALO_API_LOG_REFUSALS) console.error(`[local Zalo API] ${method} carries Telegram markup a Zalo reader sees as it is: ${JSON.stringify(text).slice(0, 600)}`);
          }
        }
        if (method === "sendPhoto" && !/^https?:\/\/\S+$/.test(p.photo!)) return badRequest("photo must be the address of an image");
        const message: ZaloSent = { message_id: randomBytes(10).toString("hex"), chat_id: chatId!, date: Date.now(), ...(method === "sendMessage" ? { text } : { photo: p.photo, ...(text ? { caption: text } : {}) }) };
        return this.record(message);
      }
      case "sendSticker":
        return this.record({ message_id: randomBytes(10).toString("hex"), chat_id: chatId!, date: Date.now(), sticker: p.sticker });
      case "sendChatAction":
        // "typing"; "upload_photo" is announced as coming soon ("Sắp ra mắt"), so not yet taken.
        if (p.action !== "typing") return badRequest(p.action === "upload_photo" ? "action upload_photo is not available yet" : "unknown action");
        return { ok: true };
      default:
        return badRequest(`API name ${method} does not exist`);
    }
  }

  private record(message: ZaloSent): Result {
    this.sent.push(message);
    const { chat_id: _chat, ...entry } = message;
    this.remember(message.chat_id, { fromBot: true, ...entry });
    return { ok: true, result: { message_id: message.message_id, date: message.date } };
  }

  /**
   * One update, as soon as there is one or when the timeout passes (then Zalo's 408). A poll the
   * bot gave up on (its connection closed) takes no update: the next poll gets it.
   */
  private async poll(timeoutSeconds: number, response: ServerResponse): Promise<Result | null> {
    // "getUpdates sẽ không hoạt động" while a webhook is set; the error is not documented.
    if (this.webhook) return { ok: false, error_code: 409, description: "Conflict: a webhook is set; delete it before using getUpdates" };
    if (this.updates.length === 0 && timeoutSeconds > 0) {
      const gone = await new Promise<boolean>((resolve) => {
        const finish = (left: boolean) => {
          clearTimeout(timer);
          response.off("close", onClose);
          const index = this.pollers.indexOf(wake);
          if (index >= 0) this.pollers.splice(index, 1);
          resolve(left);
        };
        const wake = () => finish(false);
        const onClose = () => finish(true);
        const timer = setTimeout(() => finish(false), timeoutSeconds * 1000);
        this.pollers.push(wake);
        response.once("close", onClose);
      });
      if (gone) return null;
    }
    const update = this.updates.shift();
    return update ? { ok: true, result: update } : { ok: false, error_code: 408, description: "Request timeout" };
  }
}
