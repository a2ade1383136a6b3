import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeLocally, listenLocally } from "../local-server.ts";

/**
 * A local stand-in for Zalo's Bot API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>),
 * as strict as its documentation: JSON bodies, string ids, text of 1 to 2,000 characters, no
 * buttons and no formatting (a parameter Zalo does not have is refused), one update per
 * getUpdates answer, no polling while a webhook is set, and a webhook that carries the secret in
 * X-Bot-Api-Secret-Token. Where the documentation is silent this server takes the stricter side.
 */
export const ZALO_LIMITS = { text: 2000, secretMin: 8, secretMax: 256 } as const;

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
}

type Result = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

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

export class LocalZaloApi {
  readonly calls: ZaloCall[] = [];
  readonly sent: ZaloSent[] = [];
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

  constructor(readonly token = "1234567890:zalo-local-token") {}

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    ({ server: this.server, url: this.url } = await listenLocally((request, response) => void this.route(request, response), port, host));
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollers.splice(0)) wake();
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

  private remember(userId: string, entry: ZaloThreadEntry): void {
    const thread = this.threads.get(userId) ?? [];
    thread.push(entry);
    this.threads.set(userId, thread);
  }

  textsTo(userId: string): string[] {
    return this.sentTo(userId).map((message) => message.text ?? message.caption ?? "");
  }

  // —— the API ——

  private push(event: string, user: ZaloUser, content: Record<string, unknown>): void {
    const update = {
      event_name: event,
      message: { message_id: randomBytes(10).toString("hex"), date: Date.now(), from: { id: user.id, display_name: user.display_name, is_bot: false }, chat: { id: user.id, chat_type: "PRIVATE" }, ...content },
    };
    this.remember(user.id, { fromBot: false, message_id: update.message.message_id, date: update.message.date, ...(content as { text?: string; photo?: string; caption?: string }) });
    if (this.webhook) {
      void fetch(this.webhook.url, { method: "POST", headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": this.webhook.secret }, body: JSON.stringify(update) }).catch(() => undefined);
      return;
    }
    this.updates.push(update);
    for (const wake of this.pollers.splice(0)) wake();
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const photo = this.photos.get(/^\/photos\/([0-9a-f]+)\.jpg$/.exec(path)?.[1] ?? "");
    if (photo) {
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.length });
      return void response.end(photo);
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    const answer = (result: Result) => {
      response.writeHead(result.ok ? 200 : result.error_code, { "content-type": "application/json" });
      response.end(JSON.stringify(result));
    };
    if (!match) return answer({ ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token) return answer({ ok: false, error_code: 401, description: "Unauthorized" });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let params: Record<string, unknown> = {};
    if (chunks.length > 0) {
      try {
        params = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return answer({ ok: false, error_code: 400, description: "Bad Request: body is not JSON" });
      }
    }
    const method = match[2]!;
    this.calls.push({ method, params });
    answer(await this.handle(method, params, request));
  }

  private check(method: string, params: Record<string, unknown>): string | null {
    const shape = PARAMS[method];
    if (!shape) return `method ${method} does not exist`;
    for (const name of shape.required) if (params[name] === undefined || params[name] === "") return `${name} is required`;
    for (const name of Object.keys(params)) if (!shape.required.includes(name) && !shape.optional.includes(name)) return `${name} is not a parameter of ${method}`;
    if ("chat_id" in params && typeof params.chat_id !== "string") return "chat_id must be a string";
    return null;
  }

  private async handle(method: string, params: Record<string, unknown>, request: IncomingMessage): Promise<Result> {
    const problem = this.check(method, params);
    if (problem) return { ok: false, error_code: method in PARAMS ? 400 : 404, description: `Bad Request: ${problem}` };
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) return { ok: false, ...this.failures.splice(failure, 1)[0]!.error };
    const chatId = params.chat_id as string | undefined;
    if (chatId !== undefined) {
      if (!this.users.has(chatId)) return { ok: false, error_code: 400, description: "Bad Request: user not found" };
      if (this.blocked.has(chatId)) return { ok: false, error_code: 403, description: "Forbidden: the user has blocked the bot" };
    }
    switch (method) {
      case "getMe":
        return { ok: true, result: { id: "1459232241454765289", account_name: "bot.dondoc", account_type: "BASIC", can_join_groups: false } };
      case "getUpdates":
        return this.poll(Number(params.timeout ?? 30), request);
      case "setWebhook": {
        const secret = String(params.secret_token);
        if (secret.length < ZALO_LIMITS.secretMin || secret.length > ZALO_LIMITS.secretMax) return { ok: false, error_code: 400, description: "Bad Request: secret_token must be 8 to 256 characters" };
        if (!/^https?:\/\//.test(String(params.url))) return { ok: false, error_code: 400, description: "Bad Request: url must be an address" };
        this.webhook = { url: String(params.url), secret, updatedAt: Date.now() };
        return { ok: true, result: { url: this.webhook.url, updated_at: this.webhook.updatedAt } };
      }
      case "deleteWebhook":
        this.webhook = null;
        return { ok: true, result: { url: "", updated_at: Date.now() } };
      case "getWebhookInfo":
        return { ok: true, result: { url: this.webhook?.url ?? "", updated_at: this.webhook?.updatedAt ?? 0 } };
      case "sendMessage":
      case "sendPhoto": {
        const text = method === "sendMessage" ? String(params.text) : params.caption === undefined ? undefined : String(params.caption);
        if (text !== undefined && (text.length < 1 || text.length > ZALO_LIMITS.text)) return { ok: false, error_code: 400, description: `Bad Request: text must be 1 to ${ZALO_LIMITS.text} characters` };
        if (method === "sendPhoto" && !/^https?:\/\//.test(String(params.photo))) return { ok: false, error_code: 400, description: "Bad Request: photo must be an address" };
        const message: ZaloSent = { message_id: randomBytes(10).toString("hex"), chat_id: chatId!, date: Date.now(), ...(method === "sendMessage" ? { text } : { photo: String(params.photo), ...(text ? { caption: text } : {}) }) };
        this.sent.push(message);
        this.remember(chatId!, { fromBot: true, message_id: message.message_id, date: message.date, text: message.text, photo: message.photo, caption: message.caption });
        return { ok: true, result: { message_id: message.message_id, date: message.date } };
      }
      case "sendChatAction":
        return ["typing", "upload_photo"].includes(String(params.action)) ? { ok: true, result: true } : { ok: false, error_code: 400, description: "Bad Request: unknown action" };
      default:
        return { ok: true, result: { message_id: randomBytes(10).toString("hex"), date: Date.now() } };
    }
  }

  /** One update, as soon as there is one or when the timeout passes (then Zalo's 408). */
  private async poll(timeoutSeconds: number, request: IncomingMessage): Promise<Result> {
    if (this.webhook) return { ok: false, error_code: 409, description: "Conflict: a webhook is set; delete it before using getUpdates" };
    if (this.updates.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutSeconds * 1000);
        this.pollers.push(() => {
          clearTimeout(timer);
          resolve();
        });
        request.once("close", () => clearTimeout(timer));
      });
    }
    const update = this.updates.shift();
    return update ? { ok: true, result: update } : { ok: false, error_code: 408, description: "Request timeout" };
  }
}
