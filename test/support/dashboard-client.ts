import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { launchData as signedLaunchData, loginQuery as signedLoginQuery } from "../../devkit/bot-api/telegram-sign-in.ts";
import { dashboardRoutes, type DashboardOptions } from "../../src/dashboard/dashboard-routes.ts";
import { MAX_EVIDENCE_BYTES } from "../../src/services/evidence-files.ts";
import { downloadTelegramFile } from "../../src/services/telegram-files.ts";

/**
 * The dashboard on a port of its own for tests, and what Telegram would hand a person: launch
 * data signed with the bot's token as a Mini App gets it, or a login button's query.
 */
export interface DashboardServer {
  url: string;
  stop(): Promise<void>;
}

export async function startDashboard(options: Omit<DashboardOptions, "telegramFile"> & { telegramApiRoot: string }): Promise<DashboardServer> {
  const api = new Api(options.botToken, { apiRoot: options.telegramApiRoot });
  const routes = dashboardRoutes({ ...options, telegramFile: (fileId) => downloadTelegramFile(api, fileId, MAX_EVIDENCE_BYTES, options.telegramApiRoot) });
  const server: Server = createServer((request, response) => {
    if (!routes(request, response)) {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Telegram's launch data for a Mini App opened by `userId` at `at`, signed with `token`. */
export const launchData = (userId: number, token: string, at: Date, firstName = "Người dùng") => signedLaunchData({ id: userId, first_name: firstName, language_code: "vi" }, token, at);

/** The query a login button adds to the address, signed as Telegram signs it. */
export const loginQuery = (userId: number, token: string, at: Date, firstName = "Người dùng") => signedLoginQuery({ id: userId, first_name: firstName }, token, at);

/** A client of the dashboard's API: opens a session with a credential, then asks with it. */
export class DashboardClient {
  session: string | null = null;

  constructor(private readonly base: string) {}

  async open(kind: "telegram" | "login" | "link", value: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.base}/dashboard/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind, value }) });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.ok) this.session = String(body.session);
    return { status: response.status, body };
  }

  async get(path: string): Promise<Response> {
    return fetch(`${this.base}/dashboard/api/${path}`, { headers: this.session ? { authorization: `Bearer ${this.session}` } : {} });
  }

  /** A path the API gave, relative to the dashboard's page (an evidence photo's). */
  async resource(relative: string): Promise<Response> {
    return fetch(new URL(relative, `${this.base}/dashboard/`), { headers: this.session ? { authorization: `Bearer ${this.session}` } : {} });
  }

  async json<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    const response = await this.get(path);
    return { status: response.status, body: (await response.json()) as T };
  }
}
