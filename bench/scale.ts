import { performance } from "node:perf_hooks";
import mongoose from "mongoose";
import { runMonthlyPush } from "../jobs/monthly-push.ts";
import * as models from "../models/index.ts";
import { translatorFor } from "../src/i18n.ts";
import { Writable } from "node:stream";
import { writeExcelReport } from "../src/reports/excel-report.ts";
import { forgetEverythingKept } from "../src/services/kept-while-unchanged.ts";
import { loadExportData } from "../src/services/export-data.ts";
import { buildDigest } from "../src/services/digest.ts";
import { monthStatusHtml, silentAgenciesHtml } from "../src/services/status-reports.ts";
import type { BenchDatabase } from "./database.ts";
import { mb, ms, peakRss, type Figure } from "./figures.ts";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The secretariat's views, the leaders' digest, the export and the monthly push as the province
 * grows: 100, 1,000 and 3,000 agencies with 100 tasks each, in two shapes of the month shown.
 * "Year-spread": 50 reports per agency over the year so far, so the month holds few. "Full
 * month": besides those, every agency has answered every task due to it in the month shown (50
 * an agency, 50,000 at 1,000), as on the last day of a month when everyone reported. Each view is
 * timed at every size in both shapes (best of a few runs for the quick ones); growth is judged
 * per agency (from 1,000 to 3,000 agencies the time should grow about threefold, not ninefold)
 * and per report (a full month should cost about what a year-spread one does).
 */
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,3000").split(",").map(Number);
const SHAPES = ["year-spread", "full-month"] as const;
type Shape = (typeof SHAPES)[number];
const YEAR = 2026;
const MONTH = 6;
const TIME_ZONE = "Asia/Ho_Chi_Minh";

interface Timings {
  status: number;
  silent: number;
  digest: number;
  exportMs: number;
  exportBytes: number;
  /** What the export added to resident memory at its highest, sampled every 5 ms. */
  exportPeak: number;
  reportsInMonth: number;
  push: number;
  pushMessages: number;
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

async function measure(database: BenchDatabase, agencies: number, shape: Shape): Promise<Timings> {
  const name = `bench_scale_${agencies}_${shape.replace("-", "_")}`;
  await mongoose.connect(`${database.uri}${name}`);
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(models).map((model) => model.init()));
  execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./province-fixture.ts", import.meta.url)), `${database.uri}${name}`, String(agencies), String(YEAR), String(MONTH), shape], { stdio: "inherit" });
  // Seeded by another process, past the models: what this one keeps of plans, agencies and members is another province's.
  forgetEverythingKept();
  const t = translatorFor("vi");
  // The 28th, 10:00 in the province: the month nearly over.
  const now = new Date(Date.UTC(YEAR, MONTH - 1, 28, 3));
  const query = { now, timeZone: TIME_ZONE, t };
  const reportsInMonth = await models.ProgressReportModel.countDocuments({ period: `${YEAR}-${String(MONTH).padStart(2, "0")}` });
  const status = await best(3, () => monthStatusHtml(query));
  const silent = await best(3, () => silentAgenciesHtml(query));
  const digest = await best(2, () => buildDigest(now, TIME_ZONE, t));
  let push = 0;
  let pushMessages = 0;
  // The push depends on the plan, not on the month's answers: timed on the year-spread province, as before.
  if (shape === "year-spread") {
    const job = { asOf: new Date(Date.UTC(YEAR, MONTH - 1, 1, 1)), timeZone: TIME_ZONE, defaultLocale: "vi" as const, configuredSecretariatChatId: undefined, translate: translatorFor, quietHours: null, escalationWorkingDays: 3 };
    const start = performance.now();
    pushMessages = (await runMonthlyPush(job)).enqueued;
    push = performance.now() - start;
  }
  let exportBytes = 0;
  const exportBase = process.memoryUsage().rss;
  let exportPeak = exportBase;
  const sampler = setInterval(() => (exportPeak = Math.max(exportPeak, process.memoryUsage().rss)), 5);
  const start = performance.now();
  const counter = new Writable({ write: (chunk: Buffer, _encoding, done) => ((exportBytes += chunk.length), done()) });
  await writeExcelReport(await loadExportData({ year: YEAR, month: MONTH }), t, TIME_ZONE, counter);
  const exportMs = performance.now() - start;
  clearInterval(sampler);
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  return { status, silent, digest, exportMs, exportBytes, exportPeak: exportPeak - exportBase, reportsInMonth, push, pushMessages, rss: process.memoryUsage().rss, peak: peakRss() };
}

/** Time at 3,000 agencies ÷ three times the time at 1,000: about 1 when linear, 3 when quadratic. */
function growth(small: number, large: number): number {
  return large / (3 * small);
}

const SHAPE_LABEL: Record<Shape, string> = { "year-spread": "year-spread month", "full-month": "full month" };
const count = (value: number) => value.toLocaleString("en");

export async function scaleFigures(database: BenchDatabase): Promise<Figure[]> {
  const results = new Map<string, Timings>();
  for (const shape of SHAPES) for (const size of SIZES) results.set(`${shape}:${size}`, await measure(database, size, shape));
  const at = (shape: Shape, size: number) => results.get(`${shape}:${size}`)!;
  const has = (size: number) => SIZES.includes(size);
  const sizes = SIZES.map(count).join(" / ");
  const figures: Figure[] = [];
  for (const shape of SHAPES) {
    figures.push({ name: `reports in the month shown, ${SHAPE_LABEL[shape]}, at ${sizes} agencies`, value: SIZES.map((size) => count(at(shape, size).reportsInMonth)).join(" / "), target: "—", met: true });
  }
  const views: { label: string; key: "status" | "silent" | "digest" | "exportMs"; target: number | null; targetText: string; shapes: readonly Shape[] }[] = [
    { label: "/tinhhinh (the month's status, every part)", key: "status", target: 200, targetText: "< 200 ms at 1,000", shapes: SHAPES },
    { label: "/chuabaocao (agencies not reported or partly, and their officers)", key: "silent", target: 300, targetText: "< 300 ms at 1,000", shapes: SHAPES },
    { label: "the leaders' digest (three months' figures, overdue tasks, text and chart)", key: "digest", target: null, targetText: "—", shapes: SHAPES },
    { label: "Excel export of the month (a row per task and agency due)", key: "exportMs", target: 5000, targetText: "< 5,000 ms at 1,000", shapes: SHAPES },
  ];
  for (const view of views) {
    for (const shape of view.shapes) {
      const met = view.target === null || !has(1000) || at(shape, 1000)[view.key] < view.target;
      figures.push({ name: `${view.label}, ${SHAPE_LABEL[shape]}, at ${sizes} agencies × 100 tasks`, value: SIZES.map((size) => ms(at(shape, size)[view.key])).join(" / "), target: view.targetText, met });
      if (!has(1000) || !has(3000)) continue;
      const ratio = growth(at(shape, 1000)[view.key], at(shape, 3000)[view.key]);
      figures.push({ name: `${view.label}, ${SHAPE_LABEL[shape]}: growth from 1,000 to 3,000 agencies ÷ linear`, value: ratio.toFixed(2), target: "≤ 1.5", met: ratio <= 1.5 });
    }
    if (has(1000) && view.key !== "exportMs") {
      // The month's views read what agencies answered summed, not each answer: a full month costs about what a sparse one does.
      const ratio = at("full-month", 1000)[view.key] / at("year-spread", 1000)[view.key];
      figures.push({ name: `${view.label}: full month ÷ year-spread month at 1,000 agencies`, value: ratio.toFixed(2), target: "≤ 1.5", met: ratio <= 1.5 });
    }
  }
  figures.push({ name: `monthly push, queued, at ${sizes} agencies × 100 tasks`, value: SIZES.map((size) => ms(at("year-spread", size).push)).join(" / "), target: "< 5,000 ms at 1,000", met: !has(1000) || at("year-spread", 1000).push < 5000 });
  if (has(1000) && has(3000)) {
    const ratio = growth(at("year-spread", 1000).push, at("year-spread", 3000).push);
    figures.push({ name: "monthly push, queued: growth from 1,000 to 3,000 agencies ÷ linear", value: ratio.toFixed(2), target: "≤ 1.5", met: ratio <= 1.5 });
  }
  for (const size of SIZES) {
    const label = `${count(size)} agencies`;
    figures.push({ name: `monthly push at ${label}: messages queued`, value: String(at("year-spread", size).pushMessages), target: "—", met: at("year-spread", size).pushMessages > 0 });
    for (const shape of SHAPES) {
      const timings = at(shape, size);
      figures.push(
        { name: `Excel export at ${label}, ${SHAPE_LABEL[shape]}: workbook size; memory the export added at its highest`, value: `${(timings.exportBytes / 1024).toFixed(0)} KB; ${mb(timings.exportPeak)}`, target: size === 1000 ? "—; < 300 MB" : "—", met: size !== 1000 || timings.exportPeak < 300 * 1024 * 1024 },
        { name: `resident memory of the bot after ${label}, ${SHAPE_LABEL[shape]} (highest so far)`, value: `${mb(timings.rss)} (${mb(timings.peak)})`, target: "—", met: true },
      );
    }
  }
  return figures;
}
