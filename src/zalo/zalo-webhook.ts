import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import { telegramUpdateFrom, type ZaloUpdate } from "./zalo-updates.ts";
import type { Log } from "../observability/logger.ts";

/**
 * Zalo's webhook, beside Telegram's on the same server: Zalo posts each update with the secret
 * given to setWebhook in X-Bot-Api-Secret-Token. Without it, 401; a body that is not an update,
 * 400; nothing is handled in either case.
 */
const MAX_BODY = 1024 * 1024;

function sameSecret(given: string | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function zaloWebhookRoute(path: string, secret: string, handle: (update: Update) => Promise<void>, log: Log) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== path) return false;
    const answer = (status: number) => {
      response.statusCode = status;
      response.end();
    };
    if (request.method !== "POST") {
      answer(405);
      return true;
    }
    if (!sameSecret(request.headers["x-bot-api-secret-token"] as string | undefined, secret)) {
      answer(401);
      return true;
    }
    void (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) return answer(413);
        chunks.push(chunk as Buffer);
      }
      let update: ZaloUpdate;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ZaloUpdate;
        if (!update || typeof update !== "object") throw new Error("not an object");
      } catch (error) {
        log(`Zalo webhook: refused a request: ${(error as Error).message}`, {}, "warn");
        return answer(400);
      }
      const telegram = await telegramUpdateFrom(update);
      if (telegram) await handle(telegram);
      answer(200);
    })().catch((error: unknown) => {
      log(`Zalo webhook: an update failed: ${(error as Error).message}`, {}, "error");
      if (!response.headersSent) answer(500);
    });
    return true;
  };
}
