import { performance } from "node:perf_hooks";
import mongoose from "mongoose";
import { execFileSync } from "node:child_process";
import * as models from "/work/main/models/index.ts";
import { startBenchDatabase } from "/work/main/bench/database.ts";
import { loadAgencyViews, loadMilestoneViews, loadMonthData } from "/work/main/src/services/follow-up-data.ts";
import { monthStatusHtml } from "/work/main/src/services/status-reports.ts";
import { groupReportsByAgency, tallyMonth } from "/work/main/src/followup/month-status.ts";
import { formatMonthStatus } from "/work/main/src/messages/status-messages.ts";
import { translatorFor } from "/work/main/src/i18n.ts";
const db = await startBenchDatabase();
await mongoose.connect(`${db.uri}p`);
await Promise.all(Object.values(models).map((model) => model.init()));
execFileSync(process.execPath, ["--import", "tsx", "/work/main/bench/province-fixture.ts", `${db.uri}p`, "1000", "2026", "6"], { stdio: "inherit" });
const m = { year: 2026, month: 6 };
const t = translatorFor("vi");
for (let i = 0; i < 3; i++) {
  let s = performance.now(); await loadMilestoneViews(2026); const a = performance.now() - s;
  s = performance.now(); await loadAgencyViews(); const b = performance.now() - s;
  s = performance.now(); const data = await loadMonthData(m); const c = performance.now() - s;
  s = performance.now(); const tally = tallyMonth(data.milestones, data.agencies, m, groupReportsByAgency(data.reports)); const d = performance.now() - s;
  s = performance.now(); formatMonthStatus(tally, m, t); const e = performance.now() - s;
  s = performance.now(); await monthStatusHtml({ now: new Date("2026-06-10T03:00:00Z"), timeZone: "Asia/Ho_Chi_Minh", t }); const f = performance.now() - s;
  console.log({ milestones: a.toFixed(0), agencies: b.toFixed(0), monthData: c.toFixed(0), n: data.reports.length, tally: d.toFixed(0), format: e.toFixed(0), status: f.toFixed(0) });
}
await mongoose.disconnect(); await db.stop();
