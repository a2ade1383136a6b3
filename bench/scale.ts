import { performance } from "node:perf_hooks";
import mongoose from "mongoose";
import { runMonthlyPush } from "../jobs/monthly-push.ts";
import * as models from "../models/index.ts";
import { translatorFor } from "../src/i18n.ts";
import { Writable } from "node:stream";
import { writeExcelReport } from "../src/reports/excel-report.ts";
import { loadExportData } from "../src/services/export-data.ts";
import { monthStatusHtml, silentAgenciesHtml } from "../src/services/status-reports.ts";
import type { BenchDatabase } from "./database.ts";
import { mb, ms, peakRss, type Figure } from "./figures.ts";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The secretariat's views and the monthly push as the province grows: 100, 1,000 and 3,000
 * agencies with 100 tasks each and 50 reports per agency (50,000 at 1,000). Each is timed at
 * every size (best of a few runs for the quick ones), and growth is judged per agency: from
 * 1,000 to 3,000 agencies the time should grow about threefold, not ninefold.
 */
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,3000").split(",").map(Number);
const YEAR = 2026;
const MONTH = 6;
const TIME_ZONE = "Asia/Ho_Chi_Minh";

interface Timings {
  status: number;
  silent: number;
  push: number;
  pushMessages: number;
  exportMs: number;
  exportBytes: number;
  /** What the export added to resident memory at its highest, sampled every 5 ms. */
  exportPeak: number;
  rss: number;
  peak: number;
}

async function best(runs: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

async function measure(database: BenchDatabase, agencies: number): Promise<Timings> {
  await mongoose.connect(`${database.uri}bench_scale_${agencies}`);
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(models).map((model) => model.init()));
  execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./province-fixture.ts", import.meta.url)), `${database.uri}bench_scale_${agencies}`, String(agencies), String(YEAR), String(MONTH)], { stdio: "inherit" });
  const t = translatorFor("vi");
  const now = new Date(Date.UTC(YEAR, MONTH - 1, 10, 3));
  const query = { now, timeZone: TIME_ZONE, t };
  const status = await best(3, () => monthStatusHtml(query));
  const silent = await best(3, () => silentAgenciesHtml(query));
  const job = { asOf: new Date(Date.UTC(YEAR, MONTH - 1, 1, 1)), timeZone: TIME_ZONE, defaultLocale: "vi" as const, configuredSecretariatChatId: undefined, translate: translatorFor, quietHours: null, escalationWorkingDays: 3 };
  let start = performance.now();
  const pushed = await runMonthlyPush(job);
  const push = performance.now() - start;
  let exportBytes = 0;
  const exportBase = process.memoryUsage().rss;
  let exportPeak = exportBase;
  const sampler = setInterval(() => (exportPeak = Math.max(exportPeak, process.memoryUsage().rss)), 5);
  start = performance.now();
  const counter = new Writable({ write: (chunk: Buffer, _encoding, done) => ((exportBytes += chunk.length), done()) });
  await writeExcelReport(await loadExportData({ year: YEAR, month: MONTH }), t, TIME_ZONE, counter);
  const exportMs = performance.now() - start;
  clearInterval(sampler);
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  return { status, silent, push, pushMessages: pushed.enqueued, exportMs, exportBytes, exportPeak: exportPeak - exportBase, rss: process.memoryUsage().rss, peak: peakRss() };
}

/** Time at 3,000 agencies ÷ three times the time at 1,000: about 1 when linear, 3 when quadratic. */
function growth(small: number, large: number): number {
  return large / (3 * small);
}

export async function scaleFigures(database: BenchDatabase): Promise<Figure[]> {
  const results = new Map<number, Timings>();
  for (const size of SIZES) results.set(size, await measure(database, size));
  const at = (size: number) => results.get(size)!;
  const figures: Figure[] = [];
  const views: { label: string; key: "status" | "silent" | "push" | "exportMs"; target: number; targetText: string }[] = [
    { label: "/tinhhinh (the month's status, first part)", key: "status", target: 200, targetText: "< 200 ms at 1,000" },
    { label: "/chuabaocao (silent agencies and their officers)", key: "silent", target: 300, targetText: "< 300 ms at 1,000" },
    { label: "monthly push, queued", key: "push", target: 5000, targetText: "< 5,000 ms at 1,000" },
    { label: "Excel export of the month", key: "exportMs", target: 5000, targetText: "< 5,000 ms at 1,000" },
  ];
  for (const view of views) {
    const times = SIZES.map((size) => at(size)[view.key]);
    figures.push({ name: `${view.label}, at ${SIZES.map((s) => s.toLocaleString("en")).join(" / ")} agencies × 100 tasks`, value: times.map(ms).join(" / "), target: view.targetText, met: !results.has(1000) || at(1000)[view.key] < view.target });
    if (!results.has(1000) || !results.has(3000)) continue;
    const ratio = growth(at(1000)[view.key], at(3000)[view.key]);
    figures.push({ name: `${view.label}: growth from 1,000 to 3,000 agencies ÷ linear`, value: ratio.toFixed(2), target: "≤ 1.5", met: ratio <= 1.5 });
  }
  for (const size of SIZES) {
    const label = `${size.toLocaleString("en")} agencies`;
    figures.push(
      { name: `monthly push at ${label}: messages queued`, value: String(at(size).pushMessages), target: "—", met: at(size).pushMessages > 0 },
      { name: `Excel export at ${label}: workbook size; memory the export added at its highest`, value: `${(at(size).exportBytes / 1024).toFixed(0)} KB; ${mb(at(size).exportPeak)}`, target: size === 1000 ? "—; < 300 MB" : "—", met: size !== 1000 || at(size).exportPeak < 300 * 1024 * 1024 },
      { name: `resident memory of the bot after ${label} (highest so far)`, value: `${mb(at(size).rss)} (${mb(at(size).peak)})`, target: "—", met: true },
    );
  }
  return figures;
}

