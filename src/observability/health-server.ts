import mongoose from "mongoose";
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import type { Clock } from "../time/clock.ts";
import { servePublishedImage } from "../services/published-images.ts";
import type { Metrics } from "./metrics.ts";

/**
 * /healthz: the process is up. /readyz: the database answers (503 otherwise), whether this
 * instance leads, and how long the oldest due message has waited. /metrics: Prometheus.
 * /images/<token>.png: a chart published for Zalo (see PUBLIC_BASE_URL).
 *
 * It listens where the operator says (HEALTH_HOST, the loopback by default). With METRICS_TOKEN,
 * /metrics answers only `Authorization: Bearer <token>`; an anonymous caller never sees what is
 * internal (this instance's host name and process, the database's error).
 *
 * `routes` answer more paths (the dashboard, src/dashboard/): each says whether the request was its own.
 */
export interface Readiness {
  leading: () => boolean;
  instance: string;
}

export type Route = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface HealthAccess {
  /** When set, /metrics and the details of /readyz need this bearer token. */
  metricsToken?: string;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

function bearerMatches(request: IncomingMessage, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

export function healthServer(metrics: Metrics, readiness: Readiness, clock: Clock, access: HealthAccess = {}, routes: Route[] = []): Server {
  return createServer((request, response) => {
    const send = (status: number, body: string, type = "application/json", headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
      response.end(body);
    };
    if (servePublishedImage(request, response, () => clock.now())) return;
    if (routes.some((route) => route(request, response))) return;
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const trusted = access.metricsToken !== undefined && bearerMatches(request, access.metricsToken);
    if (path === "/healthz") return send(200, JSON.stringify({ status: "ok" }));
    if (path === "/metrics") {
      if (access.metricsToken !== undefined && !trusted) return send(401, JSON.stringify({ error: "a bearer token is required" }), "application/json", { "www-authenticate": 'Bearer realm="dondoc metrics"' });
      void metrics.registry.metrics().then(
        (text) => send(200, text, metrics.registry.contentType),
        () => send(500, JSON.stringify({ error: "metrics unavailable" })),
      );
      return;
    }
    if (path === "/readyz") {
      void (async () => {
        try {
          await mongoose.connection.db!.command({ ping: 1 });
          const now = clock.now();
          const oldest = await OutboxMessageModel.findOne({ state: "pending", notBefore: { $lte: now } }).sort({ notBefore: 1 }).select({ notBefore: 1 }).lean();
          const backlog = oldest ? Math.round((now.getTime() - oldest.notBefore.getTime()) / 1000) : 0;
          send(200, JSON.stringify({ status: "ready", database: "ok", leading: readiness.leading(), outboxBacklogSeconds: backlog, ...(trusted ? { instance: readiness.instance } : {}) }));
        } catch (error) {
          send(503, JSON.stringify({ status: "unavailable", database: trusted ? (error as Error).message : "unreachable" }));
        }
      })();
      return;
    }
    send(404, JSON.stringify({ error: "not found" }));
  });
}

/** Starts listening on `host`:`port` (0: any free port); resolves with where it listens, rejects when it cannot. */
export function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once("error", failed);
    server.listen(port, host, () => {
      server.off("error", failed);
      resolve(server.address() as AddressInfo);
    });
  });
}
