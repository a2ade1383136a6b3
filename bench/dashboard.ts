import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import mongoose from "mongoose";
import { launchData } from "../devkit/bot-api/telegram-sign-in.ts";
import * as models from "../models/index.ts";
import { MemberModel } from "../models/member.ts";
import { ProgressReportModel } from "../models/progress-report.ts";
import { dashboardRoutes } from "../src/dashboard/dashboard-routes.ts";
import { ManualClock } from "../src/time/clock.ts";
import type { BenchDatabase } from "./database.ts";
import { ms, type Figure } from "./figures.ts";

/**
 * The dashboard's matrix as a phone asks for it: GET /dashboard/api/year/2026 over HTTP, with a
 * session, gzip accepted, for a province of 1,000 agencies × 100 tasks and 50 reports per agency
 * over twelve months (the bench's province fixture), in December, so every month is shown.
 */
const AGENCIES = Number(process.env.BENCH_DASHBOARD_AGENCIES ?? 1000);
const YEAR = 2026;
const TOKEN = "1000000001:BENCH-dondoc-dashboard-token-abcdef";

export async function dashboardFigures(database: BenchDatabase): Promise<Figure[]> {
  const name = `bench_dashboard_${AGENCIES}`;
  await mongoose.connect(`${database.uri}${name}`);
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(models).map((model) => model.init()));
  execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./province-fixture.ts", import.meta.url)), `${database.uri}${name}`, String(AGENCIES), String(YEAR), "12"], { stdio: "inherit" });
  await MemberModel.create({ telegramId: 42, displayName: "Thư ký", roles: [{ role: "secretariat", grantedAt: new Date() }] });
  const routes = dashboardRoutes({ botToken: TOKEN, timeZone: "Asia/Ho_Chi_Minh", clock: new ManualClock(new Date(Date.UTC(YEAR, 11, 15, 3))), telegramFile: () => Promise.reject(new Error("no files in the bench")) });
  const server = createServer((request, response) => void routes(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard/`;
  try {
    const opened = await fetch(`${base}api/session`, { method: "POST", body: JSON.stringify({ kind: "telegram", value: launchData({ id: 42, first_name: "Thư ký" }, TOKEN, new Date()) }) });
    const { session } = (await opened.json()) as { session: string };
    const headers = { authorization: `Bearer ${session}`, "accept-encoding": "gzip" };
    let bytes = 0;
    let raw = 0;
    const once = async () => {
      const start = performance.now();
      const response = await fetch(`${base}api/year/${YEAR}`, { headers });
      const body = await response.arrayBuffer();
      const elapsed = performance.now() - start;
      if (response.status !== 200) throw new Error(`the matrix answered ${response.status}`);
      raw = body.byteLength;
      bytes = Number(response.headers.get("content-length") ?? 0) || bytes;
      return elapsed;
    };
    const first = await once();
    const times: number[] = [];
    for (let run = 0; run < 7; run++) times.push(await once());
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    // A report arrives for December: that month is summed again, the eleven before are not.
    const report = await ProgressReportModel.findOne({ period: `${YEAR}-12` }).lean();
    await ProgressReportModel.findOneAndUpdate({ _id: report!._id }, { $set: { status: "done", percent: 100 }, $inc: { version: 1 } }, { returnDocument: "after" });
    const afterReport = await once();
    // The page itself, as a phone downloads it the first time.
    let page = 0;
    for (const asset of ["", "app.js", "app.css"]) {
      const response = await fetch(`${base}${asset}`, { headers: { "accept-encoding": "gzip" } });
      page += Number(response.headers.get("content-length"));
      await response.arrayBuffer();
    }
    const label = `${AGENCIES.toLocaleString("en")} agencies × 12 months`;
    return [
      { name: `dashboard matrix over HTTP (GET api/year), ${label}: median of 7`, value: ms(median), target: "< 300 ms", met: median < 300 },
      { name: `dashboard matrix, ${label}: right after a new report (its month summed again); the first request after start (every month summed)`, value: `${ms(afterReport)}; ${ms(first)}`, target: "—", met: true },
      { name: `dashboard matrix, ${label}: JSON size (the browser unzips it)`, value: `${(raw / 1024).toFixed(0)} KB`, target: "—", met: true },
      { name: "dashboard page (HTML with its texts, script, styles) as sent gzipped on a first visit; the matrix's JSON as sent", value: `${(page / 1024).toFixed(0)} KB; ${(bytes / 1024).toFixed(0)} KB`, target: "< 50 KB; —", met: page < 50 * 1024 },
    ];
  } finally {
    server.close();
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  }
}
