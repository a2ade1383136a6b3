import type { WebhookRoute } from "../webhook-server.ts";
import { zaloUpdateKey, type ZaloUpdate } from "./zalo-updates.ts";

/**
 * Zalo's webhook, beside Telegram's on the same server, with the secret given to setWebhook in
 * X-Bot-Api-Secret-Token. Zalo's own pages show the body two ways: the Webhook page as the
 * answer getUpdates gives, `{ "ok": true, "result": { "event_name", "message" } }`, and its
 * sample handler as the update itself, `{ "event_name": "message.text.received", "message": {
 * "message_id", "date", "from", "chat", "text" | "photo" | "sticker" … } }`. Both are taken (the
 * conservative reading, README); anything else — a Telegram update, another wrapper, any other
 * JSON — is refused (400) and logged. The update is kept as Zalo sent it and read when its
 * chat's turn comes.
 */
const EVENT = /^message\.[a-z_]+\.received$/;

export function readZaloWebhookBody(body: unknown): { update: ZaloUpdate } | { problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { problem: "not a JSON object" };
  const update = body as Record<string, unknown>;
  if ("update_id" in update) return { problem: "a Telegram update, not Zalo's" };
  if ("ok" in update && "result" in update) {
    if (update.ok !== true || typeof update.result !== "object" || update.result === null || "ok" in update.result) return { problem: "an { ok, result } body whose result is no Zalo update" };
    return readZaloWebhookBody(update.result);
  }
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
