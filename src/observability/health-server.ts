import mongoose from "mongoose";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import type { Clock } from "../outbox/clock.ts";
import { servePublishedImage } from "../services/published-images.ts";
import type { Metrics } from "./metrics.ts";

/**
 * /healthz: the process is up. /readyz: the database answers (503 otherwise), whether this
 * instance leads, and how long the oldest due message has waited. /metrics: Prometheus.
 * /images/<token>.png: a chart published for Zalo (see PUBLIC_BASE_URL). `routes` answer more
 * paths (the dashboard, src/dashboard/): each says whether the request was its own.
 */
export interface Readiness {
  leading: () => boolean;
  instance: string;
}

export type Route = (request: IncomingMessage, response: ServerResponse) => boolean;

export function healthServer(metrics: Metrics, readiness: Readiness, clock: Clock, routes: Route[] = []): Server {
  return createServer((request, response) => {
    const send = (status: number, body: string, type = "application/json") => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    if (servePublishedImage(request, response, () => clock.now())) return;
    if (routes.some((route) => route(request, response))) return;
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz") return send(200, JSON.stringify({ status: "ok" }));
    if (path === "/metrics") {
      void metrics.registry.metrics().then(
        (text) => send(200, text, metrics.registry.contentType),
        (error: unknown) => send(500, String(error), "text/plain"),
      );
      return;
    }
    if (path === "/readyz") {
      void (async () => {
        try {
          await mongoose.connection.db!.command({ ping: 1 });
          const now = clock.now();
          const oldest = await OutboxMessageModel.findOne({ state: "pending", notBefore: { $lte: now } }).sort({ notBefore: 1 }).select({ notBefore: 1 }).lean();
          send(200, JSON.stringify({ status: "ready", database: "ok", leading: readiness.leading(), instance: readiness.instance, outboxBacklogSeconds: oldest ? Math.round((now.getTime() - oldest.notBefore.getTime()) / 1000) : 0 }));
        } catch (error) {
          send(503, JSON.stringify({ status: "unavailable", database: (error as Error).message }));
        }
      })();
      return;
    }
    send(404, JSON.stringify({ error: "not found" }));
  });
}
