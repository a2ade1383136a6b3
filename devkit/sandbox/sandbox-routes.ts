import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { MemberModel } from "../../models/member.ts";
import { memberLocales } from "../../src/middleware/member-loader.ts";
import type { LocalBotApi, SandboxUser } from "../bot-api/local-bot-api.ts";
import type { Persona, SandboxSample } from "./demo-data.ts";
import type { LocalZaloApi } from "../zalo-api/local-zalo-api.ts";
import { servePublishedImage } from "../../src/services/published-images.ts";
import { downloadHeaders } from "../safe-download.ts";
import { loginQuery, TELEGRAM_LIGHT_THEME, webAppAddress } from "../bot-api/telegram-sign-in.ts";

/**
 * The sandbox page and its small JSON API: who you are, the chat you see, typing, pressing
 * buttons, sending a file, and the clock panel that runs the scheduled jobs as of a date.
 */
/** What a run of the clock panel did: the page says it in its own language. */
export interface ClockRun {
  job: string;
  asOf: string;
  enqueued: number;
  alreadyQueued: number;
}

export interface ClockPanel {
  now(): Date;
  run(action: string, date: string | undefined): Promise<ClockRun>;
}

const WEB = fileURLToPath(new URL("./web/", import.meta.url));
const STATIC: Record<string, string> = { "/": "index.html", "/app.js": "app.js", "/style.css": "style.css" };
const TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };
const MAX_UPLOAD = 10 * 1024 * 1024;
/** The page runs only its own script, shows only its own and uploaded images, and is framed by nobody. */
const PAGE_HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data: blob: http://127.0.0.1:* http://localhost:*; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD * 1.4) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
}

function send(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" });
  response.end(JSON.stringify(value));
}

/** What the sandbox needs to play Telegram's part in opening the dashboard: the bot's token, and where the page is. */
export interface SandboxTelegram {
  token: string;
  dashboardUrl: string;
}

export function sandboxRoutes(api: LocalBotApi, clock: ClockPanel, languages: { lang: "vi" | "en" }, sample: SandboxSample, zalo: LocalZaloApi, telegram: SandboxTelegram) {
  const persona = (key: unknown): Persona | undefined => sample.personas.find((p) => p.key === key);
  const userOf = (p: Persona): SandboxUser => ({ id: p.userId, first_name: p.name.split(" — ")[0]!, language_code: languages.lang });
  const zaloUserOf = (p: Persona) => ({ id: p.zaloId!, display_name: p.name.split(" — ")[0]! });
  const onZalo = (chatId: number) => sample.personas.find((p) => p.zaloId && p.chatId === chatId);

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      if (request.method === "GET" && STATIC[url.pathname]) {
        const file = STATIC[url.pathname]!;
        response.writeHead(200, { "content-type": TYPES[file.split(".").pop()!]!, "cache-control": "no-store", ...PAGE_HEADERS });
        response.end(await readFile(`${WEB}${file}`));
        return;
      }
      if (request.method === "GET" && url.pathname === "/sandbox/state") {
        return send(response, 200, { personas: sample.personas, now: clock.now().toISOString(), lang: languages.lang, bot: api.bot.username, sample: sample.key, panel: sample.panel });
      }
      if (servePublishedImage(request, response, () => clock.now())) return;
      const chat = /^\/sandbox\/chats\/(-?\d+)\/(messages|send|press|upload)$/.exec(url.pathname);
      const zaloPersona = chat ? onZalo(Number(chat[1])) : undefined;
      if (chat && zaloPersona) return await zaloChat(chat[2]!, zaloPersona, request, response);
      if (chat) {
        const chatId = Number(chat[1]);
        if (chat[2] === "messages") {
          const userId = Number(url.searchParams.get("user") ?? 0);
          return send(response, 200, { messages: api.messagesOf(chatId), answers: api.callbackAnswers.filter((a) => a.userId === userId).slice(-1) });
        }
        const input = await body(request);
        const who = persona(input.persona);
        if (!who || who.chatId !== chatId) return send(response, 400, { error: "unknown persona for this chat" });
        if (chat[2] === "send") {
          const text = String(input.text ?? "").slice(0, 4096);
          if (!text.trim()) return send(response, 400, { error: "empty" });
          api.sendText(userOf(who), text, { chatId, replyTo: input.replyTo ? Number(input.replyTo) : undefined });
        } else if (chat[2] === "press") {
          if (!api.pressButton(userOf(who), chatId, Number(input.messageId), String(input.data ?? ""))) return send(response, 400, { error: "no such button" });
        } else {
          const bytes = Buffer.from(String(input.base64 ?? ""), "base64");
          if (bytes.length === 0 || bytes.length > MAX_UPLOAD) return send(response, 400, { error: "file empty or over 10 MB" });
          const mimeType = String(input.mimeType || "application/octet-stream");
          api.sendFile(userOf(who), chatId, { fileName: String(input.fileName || "file"), mimeType, bytes, asPhoto: mimeType.startsWith("image/") });
        }
        return send(response, 200, { ok: true });
      }
      const file = /^\/sandbox\/files\/([\w-]+)$/.exec(url.pathname);
      if (file) {
        const stored = api.fileById(file[1]!);
        if (!stored) return send(response, 404, { error: "no file" });
        response.writeHead(200, downloadHeaders(stored.fileName, stored.mimeType));
        response.end(stored.bytes);
        return;
      }
      if (request.method === "POST" && url.pathname === "/sandbox/open") {
        // A Web App or login button pressed (or the header's dashboard button): the address Telegram would open, signed as Telegram signs it.
        const input = await body(request);
        const who = persona(input.persona);
        if (!who || who.zaloId) return send(response, 400, { error: "unknown persona" });
        const user = { id: who.userId, first_name: who.name.split(" — ")[0]!, language_code: languages.lang };
        const target = typeof input.url === "string" && input.url.startsWith(telegram.dashboardUrl) ? input.url : telegram.dashboardUrl;
        // Launch data is signed in real time, as Telegram signs it, whatever the sandbox's clock says.
        const address = input.kind === "login" ? `${target}?${loginQuery(user, telegram.token, new Date())}` : webAppAddress(target, user, telegram.token, new Date(), TELEGRAM_LIGHT_THEME);
        return send(response, 200, { url: address });
      }
      if (request.method === "POST" && url.pathname === "/sandbox/clock") {
        const input = await body(request);
        return send(response, 200, { result: await clock.run(String(input.action ?? ""), input.date ? String(input.date) : undefined), now: clock.now().toISOString() });
      }
      if (request.method === "POST" && url.pathname === "/sandbox/lang") {
        const input = await body(request);
        languages.lang = input.lang === "en" ? "en" : "vi";
        // The demo people read the bot in the chosen language too.
        await MemberModel.updateMany({ telegramId: { $in: sample.personas.map((p) => p.userId) } }, { $set: { locale: languages.lang } });
        for (const p of sample.personas) memberLocales.set(p.userId, languages.lang);
        return send(response, 200, { lang: languages.lang });
      }
      send(response, 404, { error: "not found" });
    } catch (error) {
      send(response, 500, { error: (error as Error).message });
    }
  };

  /** A Zalo persona's chat: plain messages, no buttons, photos by address. */
  async function zaloChat(action: string, who: Persona, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (action === "messages") {
      const messages = zalo.thread(who.zaloId!).map((entry, index) => ({
        message_id: index + 1,
        date: Math.floor(entry.date / 1000),
        from: entry.fromBot ? { id: 0, is_bot: true, first_name: "dondoc" } : { id: who.userId, is_bot: false, first_name: who.name.split(" — ")[0] },
        text: entry.text ?? entry.caption,
        ...(entry.photo ? { photoUrl: entry.photo } : {}),
      }));
      return send(response, 200, { messages, answers: [] });
    }
    const input = await body(request);
    if (input.persona !== who.key) return send(response, 400, { error: "unknown persona for this chat" });
    if (action === "send") {
      const text = String(input.text ?? "").slice(0, 2000);
      if (!text.trim()) return send(response, 400, { error: "empty" });
      zalo.sendText(zaloUserOf(who), text);
    } else if (action === "upload") {
      const bytes = Buffer.from(String(input.base64 ?? ""), "base64");
      const mimeType = String(input.mimeType || "");
      if (!mimeType.startsWith("image/") || bytes.length === 0 || bytes.length > MAX_UPLOAD) return send(response, 400, { error: "Zalo: a photo under 10 MB only" });
      const file = api.storeFile(String(input.fileName || "photo"), mimeType, bytes, "photos");
      zalo.sendPhoto(zaloUserOf(who), `${api.url}/sandbox/files/${file.fileId}`);
    } else return send(response, 400, { error: "Zalo has no buttons: answer with the number" });
    return send(response, 200, { ok: true });
  }
}
