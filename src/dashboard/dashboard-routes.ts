import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { readLimitedBody } from "../http/read-limited-body.ts";
import type { Locale } from "../i18n.ts";
import { translatorFor } from "../i18n.ts";
import { systemClock, type Clock } from "../time/clock.ts";
import { writeExcelReport } from "../reports/excel-report.ts";
import { checkSession, openSession, type Credential, type Refusal, type Viewer } from "../services/dashboard-access.ts";
import { loadAgencyMonth, loadDashboardYear, loadEvidenceRecord, loadRounds } from "../services/dashboard-data.ts";
import { readEvidence } from "../services/dashboard-evidence.ts";
import { loadExportData } from "../services/export-data.ts";
import { parsePeriod, periodKey, yearMonthAt } from "../time/calendar.ts";
import { dashboardRoleOf, mayExport, mayRead } from "./dashboard-scope.ts";
import { webAssets, type Asset } from "./web-assets.ts";

/**
 * The dashboard under /dashboard/ of dondoc's HTTP server: the page, and the JSON API it calls.
 * Every API request shows its session (`Authorization: Bearer …`, opened by POST api/session),
 * and every answer is cut to what the viewer's role lets them see, on the server: the page
 * never receives another agency's figures to hide.
 */
export interface DashboardOptions {
  botToken: string;
  timeZone: string;
  /** The bot's clock: which month is the current one. */
  clock: Clock;
  /** Credentials expire in real time, never a rehearsal's (CLOCK_START, the sandbox); tests move it. */
  authClock?: Clock;
  /** The bytes of a file sent on Telegram (an evidence photo), through the bot's Bot API. */
  telegramFile: (fileId: string) => Promise<Buffer>;
  log?: (line: string, fields?: Record<string, unknown>) => void;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => boolean;

const MAX_BODY = 16 * 1024;
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  // Only its own script and styles; photos come as blobs; Telegram Web shows it in a frame.
  "content-security-policy": "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
};

function accepts(request: IncomingMessage, encoding: string): boolean {
  return String(request.headers["accept-encoding"] ?? "").includes(encoding);
}

function sendJson(request: IncomingMessage, response: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  const zipped = body.length > 1024 && accepts(request, "gzip");
  // The quickest level: the matrix is short repeated digits, which any level shrinks about tenfold.
  const sent = zipped ? gzipSync(body, { level: 1 }) : body;
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": sent.length, "cache-control": "no-store", vary: "accept-encoding", ...SECURITY_HEADERS, ...(zipped ? { "content-encoding": "gzip" } : {}) });
  response.end(sent);
}

function sendAsset(request: IncomingMessage, response: ServerResponse, asset: Asset): void {
  if (request.headers["if-none-match"] === asset.etag) {
    response.writeHead(304, { etag: asset.etag });
    return void response.end();
  }
  const zipped = accepts(request, "gzip");
  const body = zipped ? asset.gzip : asset.body;
  response.writeHead(200, { "content-type": asset.type, "content-length": body.length, etag: asset.etag, "cache-control": "no-cache", vary: "accept-encoding", ...SECURITY_HEADERS, ...(zipped ? { "content-encoding": "gzip" } : {}) });
  response.end(request.method === "HEAD" ? undefined : body);
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  const bytes = await readLimitedBody(request, MAX_BODY);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function credentialOf(body: Record<string, unknown>): Credential | null {
  const value = typeof body.value === "string" ? body.value : "";
  if (body.kind === "telegram") return { kind: "telegram", initData: value };
  if (body.kind === "login") return { kind: "login", query: value };
  if (body.kind === "link") return { kind: "link", token: value };
  return null;
}

function describe(viewer: Viewer) {
  const { member, scope } = viewer;
  return { name: member.displayName, role: dashboardRoleOf(member), locale: (member.locale as Locale) ?? "vi", scope, mayExport: mayExport(scope) };
}

const refuse = (request: IncomingMessage, response: ServerResponse, refusal: Refusal) => sendJson(request, response, refusal.status, { error: refusal.status === 401 ? "unauthorized" : "forbidden", reason: refusal.reason });

export function dashboardRoutes(options: DashboardOptions): Handler {
  const authClock = options.authClock ?? systemClock;
  const currentMonth = () => yearMonthAt(options.clock.now(), options.timeZone);

  const api = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    if (path === "session") {
      if (request.method !== "POST") return sendJson(request, response, 405, { error: "method not allowed" });
      const body = await readBody(request);
      const credential = body ? credentialOf(body) : null;
      if (!credential) return sendJson(request, response, 400, { error: "bad request" });
      const opened = await openSession(credential, options.botToken, authClock.now());
      if (!opened.ok) {
        options.log?.("dashboard: session refused", { credential: credential.kind, reason: opened.reason });
        return refuse(request, response, opened);
      }
      return sendJson(request, response, 200, { session: opened.session, expiresAt: opened.expiresAt.toISOString(), me: describe(opened.viewer) });
    }
    if (request.method !== "GET") return sendJson(request, response, 405, { error: "method not allowed" });
    const viewer = await checkSession(request.headers.authorization, authClock.now());
    if (!viewer.ok) return refuse(request, response, viewer);
    const { scope } = viewer;
    const forbidden = () => sendJson(request, response, 403, { error: "forbidden", reason: "other-agency" });
    const notFound = () => sendJson(request, response, 404, { error: "not found" });

    if (path === "me") return sendJson(request, response, 200, { me: describe(viewer), current: periodKey(currentMonth()) });
    const year = /^year\/(\d{4})$/.exec(path);
    if (year) return sendJson(request, response, 200, await loadDashboardYear(Number(year[1]), currentMonth(), scope));
    const rounds = /^rounds\/(\d{4})$/.exec(path);
    if (rounds) return sendJson(request, response, 200, { rounds: await loadRounds(Number(rounds[1]), scope) });
    const month = /^agencies\/([0-9a-f]{24})\/months\/(\d{4}-\d{2})$/.exec(path);
    if (month) {
      const period = parsePeriod(month[2]!);
      if (!period) return notFound();
      if (!mayRead(scope, month[1]!)) return forbidden();
      const view = await loadAgencyMonth(month[1]!, period);
      return view ? sendJson(request, response, 200, view) : notFound();
    }
    const evidence = /^evidence\/([0-9a-f]{24})\/(\d{1,4})\/(\d{1,3})$/.exec(path);
    if (evidence) {
      const record = await loadEvidenceRecord(evidence[1]!, Number(evidence[2]), Number(evidence[3]));
      if (!record) return notFound();
      if (!mayRead(scope, record.agencyId)) return forbidden();
      const file = await readEvidence(record, options.telegramFile);
      if (!file) return sendJson(request, response, 502, { error: "the file could not be fetched" });
      response.writeHead(200, { "content-type": file.mimeType, "content-length": file.bytes.length, "cache-control": "private, max-age=3600", ...SECURITY_HEADERS, ...(record.kind === "document" ? { "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(record.fileName ?? "evidence")}` } : {}) });
      return void response.end(file.bytes);
    }
    const excel = /^export\/(\d{4}-\d{2})$/.exec(path);
    if (excel) {
      const period = parsePeriod(excel[1]!);
      if (!period) return notFound();
      if (!mayExport(scope)) return forbidden();
      const data = await loadExportData(period);
      const locale: Locale = viewer.member.locale === "en" ? "en" : "vi";
      response.writeHead(200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="bao-cao-thi-dua-${periodKey(period)}.xlsx"`,
        "cache-control": "no-store",
        ...SECURITY_HEADERS,
      });
      return writeExcelReport(data, translatorFor(locale), options.timeZone, response);
    }
    return notFound();
  };

  return (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/dashboard") {
      response.writeHead(301, { location: "dashboard/" });
      response.end();
      return true;
    }
    if (!path.startsWith("/dashboard/")) return false;
    const rest = path.slice("/dashboard/".length);
    const fail = (error: unknown) => {
      options.log?.(`dashboard: ${(error as Error).message}`, { path: rest.replace(/[0-9a-f]{24}/g, ":id") });
      if (!response.headersSent) sendJson(request, response, 500, { error: "internal error" });
      else response.destroy();
    };
    if (rest.startsWith("api/")) {
      api(request, response, rest.slice(4)).catch(fail);
      return true;
    }
    const name = rest === "" ? "index.html" : rest;
    if ((request.method === "GET" || request.method === "HEAD") && (name === "index.html" || name === "app.js" || name === "app.css")) {
      webAssets().then((assets) => sendAsset(request, response, assets[name]), fail);
      return true;
    }
    sendJson(request, response, 404, { error: "not found" });
    return true;
  };
}
