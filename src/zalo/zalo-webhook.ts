import type { WebhookRoute } from "../webhook-server.ts";
import { zaloUpdateKey, type ZaloUpdate } from "./zalo-updates.ts";

/**
 * Zalo's webhook, beside Telegram's on the same server, with the secret given to setWebhook in
 * X-Bot-Api-Secret-Token. What Zalo posts, by its documentation (bot.zaloplatforms.com, "Xây dựng
 * Bot với Webhook": the handler reads the whole body as the update), is one update as it is, not
 * wrapped: `{ "event_name": "message.text.received", "message": { "message_id", "date", "from",
 * "chat", "text" | "photo" | "sticker" … } }`, the event one of message.{text,image,sticker,
 * unsupported}.received. getUpdates answers `{ ok, result }`; the webhook is not documented to,
 * so a wrapped body, a Telegram update or any other JSON is refused (400) and logged. The update
 * is kept as Zalo sent it and read when its chat's turn comes.
 */
const EVENT = /^message\.[a-z_]+\.received$/;

export function readZaloWebhookBody(body: unknown): { update: ZaloUpdate } | { problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { problem: "not a JSON object" };
  const update = body as Record<string, unknown>;
  if ("update_id" in update) return { problem: "a Telegram update, not Zalo's" };
  if ("ok" in update && "result" in update) return { problem: "an { ok, result } answer, which Zalo's webhook does not send" };
  if (typeof update.event_name !== "string" || !EVENT.test(update.event_name)) return { problem: "no Zalo message event (event_name)" };
  const message = update.message as Record<string, unknown> | undefined;
  if (typeof message !== "object" || message === null) return { problem: `${update.event_name} without a message` };
  const sender = (message.from ?? message.chat) as { id?: unknown } | undefined;
  if (typeof sender?.id !== "string" || sender.id === "" || typeof message.message_id !== "string") return { problem: `${update.event_name} without a message_id and a sender` };
  return { update: update as ZaloUpdate };
}

export function zaloWebhookRoute(path: string, secret: string, now: () => Date = () => new Date()): WebhookRoute {
  return {
    path,
    secretHeader: "x-bot-api-secret-token",
    secret,
    network: "Zalo",
    read(body) {
      const reading = readZaloWebhookBody(body);
      if ("problem" in reading) return reading;
      const key = zaloUpdateKey(reading.update)!;
      return { chat: key.chat, item: { id: key.id, source: "zalo", update: reading.update, at: now() } };
    },
  };
}
