import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readLimitedBody } from "./http/read-limited-body.ts";
import { chatKeyOf, keptOfUpdate, readTelegramUpdate } from "./intake/telegram-update-shape.ts";
import type { QueuedUpdate } from "./intake/chat-queues.ts";
import type { UpdateIntake } from "./intake/update-intake.ts";
import type { Log } from "./observability/logger.ts";

/**
 * The webhook endpoint for Telegram (and Zalo beside it): each network on its own path, POST
 * only, with its secret header (401 without it), a body of at most 1 MB (413), that is an update
 * of that network (400, and a log line saying why). An update is answered 200 only once it is
 * recorded in its chat's queue, within a few seconds whatever its handling takes; if the database
 * cannot record it in time the answer is 503, and the network delivers it again. Any other path
 * is 404. Nothing a request carries can end the process.
 */
export interface WebhookRoute {
  path: string;
  /** The header the network sends the secret in, lower case. */
  secretHeader: string;
  secret: string;
  network: string;
  /** The update a body holds, where it queues; or why it is no update. */
  read(body: unknown): { chat: number; item: QueuedUpdate } | { problem: string };
}

const MAX_BODY = 1024 * 1024;
/** Telegram waits a while for an answer; recording takes one database write, so answer well before. */
const ANSWER_WITHIN_MS = 8000;

export function telegramWebhookRoute(path: string, secret: string, now: () => Date = () => new Date()): WebhookRoute {
  return {
    path,
    secretHeader: "x-telegram-bot-api-secret-token",
    secret,
    network: "Telegram",
    read(body) {
      const reading = readTelegramUpdate(body);
      if ("problem" in reading) return reading;
      return { chat: chatKeyOf(reading.update), item: { id: reading.update.update_id, source: "telegram", update: keptOfUpdate(reading.update), at: now() } };
    },
  };
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  const a = Buffer.from(typeof given === "string" ? given : "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function webhookServer(intake: UpdateIntake, routes: WebhookRoute[], log: Log, options: { answerWithinMs?: number } = {}): Server {
  const answerWithin = options.answerWithinMs ?? ANSWER_WITHIN_MS;
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const answer = (status: number, headers: Record<string, string> = {}) => {
      if (response.headersSent) return;
      response.writeHead(status, { ...headers, connection: status === 413 ? "close" : "keep-alive" });
      response.end();
    };
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const route = routes.find((candidate) => candidate.path === path);
    if (!route) return answer(404);
    if (request.method !== "POST") return answer(405, { allow: "POST" });
    if (!sameSecret(request.headers[route.secretHeader], route.secret)) return answer(401);
    const body = await readLimitedBody(request, MAX_BODY);
    if (!body) {
      log(`${route.network} webhook: refused a body over ${MAX_BODY} bytes`, {}, "warn");
      return answer(413);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      log(`${route.network} webhook: refused a body that is not JSON`, {}, "warn");
      return answer(400);
    }
    const reading = route.read(parsed);
    if ("problem" in reading) {
      log(`${route.network} webhook: refused a body that is no update: ${reading.problem}`, {}, "warn");
      return answer(400);
    }
    const received = intake.receive(reading.chat, reading.item);
    // What runs after the answer is the intake's: it catches and logs its own failures.
    void received.then(({ handled }) => handled).catch(() => undefined);
    const outcome = await withDeadline(received, answerWithin).catch((error: unknown) => {
      log(`${route.network} webhook: update ${reading.item.id} not recorded: ${(error as Error).message}`, {}, "error");
      return "failed" as const;
    });
    if (outcome === "late") log(`${route.network} webhook: update ${reading.item.id} not recorded within ${answerWithin} ms; it will come again`, {}, "warn");
    answer(outcome === "late" || outcome === "failed" ? 503 : 200);
  };
  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      log(`webhook: ${(error as Error).message}`, {}, "error");
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end();
      }
    });
  });
  // A client that goes away mid-request is no error of the process.
  server.on("clientError", (_error, socket) => socket.destroy());
  return server;
}
