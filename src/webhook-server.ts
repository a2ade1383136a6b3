import { webhookCallback, type Bot } from "grammy";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { BotContext } from "./context.ts";
import type { Log } from "./observability/logger.ts";

/**
 * The webhook endpoint: only requests with the secret token are handled (grammY checks it); a
 * request whose body is not an update gets 400 and leaves the process running.
 */
export function webhookServer(bot: Bot<BotContext>, secret: string, log: Log, other?: (request: IncomingMessage, response: ServerResponse) => boolean): Server {
  const handle = webhookCallback(bot, "http", { secretToken: secret });
  return createServer((request, response) => {
    // Another network's webhook (Zalo's) on its own path; everything else is Telegram's.
    if (other?.(request, response)) return;
    handle(request, response).catch((error: unknown) => {
      log(`webhook: refused a request: ${(error as Error).message}`, {}, "warn");
      if (!response.headersSent) {
        response.statusCode = 400;
        response.end();
      }
    });
  });
}
