import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { MongoClient } from "mongodb";
import { MongoEmulator } from "../src/db/emulator/server.ts";
import mongoose from "mongoose";
import { runMonthlyPush } from "../jobs/monthly-push.ts";
import * as models from "../models/index.ts";
import { readAgencyCsv } from "../src/agencies/agency-csv.ts";
import { translatorFor } from "../src/i18n.ts";
import { parsePlan } from "../src/plan/parse-plan.ts";
import { importAgencies } from "../src/services/import-agencies.ts";
import { importPlan } from "../src/services/import-plan.ts";
import { Api } from "grammy";
import { systemClock } from "../src/outbox/clock.ts";
import { enqueueMessages } from "../src/outbox/enqueue.ts";
import { OutboxSender } from "../src/outbox/outbox-sender.ts";
import { TELEGRAM_LIMITS } from "../src/outbox/send-pacer.ts";
import { LocalBotApi } from "../src/sandbox/bot-api/local-bot-api.ts";

/**
 * `npm run bench`: speed and memory figures, written to BENCHMARKS.md with the machine and
 * date. Targets live here, never in timed unit tests.
 */
interface Figure {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

function time(runs: number, work: () => void): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  return (performance.now() - start) / runs;
}

/** A plan of `rows` rows in the Lai Châu style, to see how the importer scales. */
function largePlan(rows: number): string {
  const lines = ["Số: 1/KH-UBND", "Lai Châu, ngày 02 tháng 01 năm 2025", "KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2025", "TT\tNội dung\tĐơn vị chủ trì và phối hợp thực hiện\tThời gian thực hiện"];
  for (let row = 1; row <= rows; row++) {
    lines.push(`${row}\t<ul><li>Tổ chức phong trào “Thi đua – Khen thưởng” số ${row} năm học 2024 - 2025.</li></ul>- Hướng dẫn kinh tế - xã hội.- Báo cáo kết quả\t- Sở Nội vụ; - Các cơ quan, đơn vị, địa phương\tTháng ${(row % 12) + 1}, ${((row + 1) % 12) + 1}`);
  }
  return lines.join("\n");
}

async function emulatorFigures(): Promise<Figure[]> {
  const emulator = new MongoEmulator();
  const client = new MongoClient(await emulator.start());
  const reports = client.db("bench").collection("reports");
  await reports.createIndex({ milestone: 1, agency: 1, period: 1 }, { unique: true });
  const count = 5000;
  let start = performance.now();
  for (let i = 0; i < count; i++) {
    await reports.updateOne({ milestone: i % 32, agency: i % 61, period: `2018-${String((i % 12) + 1).padStart(2, "0")}` }, { $set: { percent: i % 100 } }, { upsert: true });
  }
  const upsertMs = (performance.now() - start) / count;
  start = performance.now();
  for (let i = 0; i < 200; i++) await reports.find({ period: "2018-03", percent: { $lt: 50 } }).toArray();
  const findMs = (performance.now() - start) / 200;
  await client.close();
  await emulator.stop();
  return [
    { name: "emulator: upsert of a progress report (unique index)", value: `${upsertMs.toFixed(2)} ms`, target: "< 5 ms", met: upsertMs < 5 },
    { name: `emulator: one month's reports query over ${count} documents`, value: `${findMs.toFixed(2)} ms`, target: "< 50 ms", met: findMs < 50 },
  ];
}

/** The monthly push for the whole Lai Châu directory: every agency with two focal officers. */
async function pushFigures(): Promise<Figure[]> {
  const emulator = new MongoEmulator();
  await mongoose.connect(`${await emulator.start()}bench_push`);
  await Promise.all(Object.values(models).map((model) => model.init()));
  const read = readAgencyCsv(readFileSync(new URL("../data/agencies/lai-chau.csv", import.meta.url), "utf8"));
  if (!("rows" in read)) throw new Error("agency CSV does not read");
  await importAgencies(read.rows, { via: "cli" });
  const text = readFileSync(new URL("../data/samples/lai-chau-2018.txt", import.meta.url), "utf8");
  await importPlan(parsePlan(text), { text, warnings: [] }, { via: "cli" });
  const agencies = await models.AgencyModel.find().lean();
  let telegramId = 1;
  for (const agency of agencies) {
    for (let i = 0; i < 2; i++) {
      await models.MemberModel.create({ telegramId: telegramId++, displayName: `Officer ${telegramId}`, roles: [{ role: "focal", agency: agency._id, grantedAt: new Date() }] });
    }
  }
  const context = { asOf: new Date("2018-03-01T01:00:00Z"), timeZone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" as const, configuredSecretariatChatId: undefined, translate: translatorFor, quietHours: null, escalationWorkingDays: 3 };
  const start = performance.now();
  const result = await runMonthlyPush(context);
  const pushMs = performance.now() - start;
  await mongoose.disconnect();
  await emulator.stop();
  return [
    { name: `monthly push, ${agencies.length} agencies × 2 officers (${result.enqueued} messages queued, emulator)`, value: `${pushMs.toFixed(0)} ms`, target: "< 10,000 ms", met: pushMs < 10_000 },
  ];
}

/**
 * The outbox against the local Bot API server enforcing Telegram's limits strictly (30 a second
 * overall, 1 a second per chat, as sliding windows) with a given round trip: rate ÷ the
 * configured ceiling, 429s, sends before a retry_after had passed, lost and duplicated, and how
 * soon the first message left after the job queued them.
 */
async function broadcastFigures(): Promise<Figure[]> {
  const emulator = new MongoEmulator();
  await mongoose.connect(`${await emulator.start()}bench_broadcast`);
  await Promise.all(Object.values(models).map((model) => model.init()));
  const figures: Figure[] = [];
  const ceiling = TELEGRAM_LIMITS.globalPerSecond;
  for (const { chats, pages, latencyMs } of [
    { chats: 1000, pages: 1, latencyMs: 0 },
    { chats: 1000, pages: 1, latencyMs: 150 },
    { chats: 100, pages: 10, latencyMs: 0 },
    { chats: 100, pages: 10, latencyMs: 150 },
  ]) {
    await models.OutboxMessageModel.deleteMany({});
    const telegram = new LocalBotApi({ enforceRates: { globalPerSecond: ceiling, perChatMs: TELEGRAM_LIMITS.perChatMs }, latencyMs });
    const api = new Api("123456:BENCH-TOKEN-abcdefghijklmnopqrstu", { apiRoot: await telegram.start() });
    const sender = new OutboxSender({ api, clock: systemClock });
    sender.start(1000);
    const messages = [];
    for (let chat = 1; chat <= chats; chat++) {
      for (let page = 1; page <= pages; page++) messages.push({ key: `b:${chat}:${page}`, chatId: 500_000 + chat, text: `Trang ${page}`, purpose: "bench", notBefore: new Date(), position: page - 1 });
    }
    const queuedAt = performance.now();
    await enqueueMessages(messages);
    await telegram.waitForCall("sendMessage");
    const firstMs = performance.now() - queuedAt;
    while ((await models.OutboxMessageModel.countDocuments({ state: { $ne: "sent" } })) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const seconds = (performance.now() - queuedAt) / 1000;
    await sender.stop();
    await telegram.stop();
    const total = messages.length;
    const delivered = telegram.callsOf("sendMessage").length - telegram.rateStats.throttled;
    const ratio = total / seconds / ceiling;
    const throttledShare = telegram.rateStats.throttled / (telegram.rateStats.accepted + telegram.rateStats.throttled);
    const label = `broadcast, ${chats} chats × ${pages} page${pages > 1 ? "s" : ""}, ${latencyMs} ms round trip`;
    figures.push(
      { name: `${label}: rate ÷ ceiling (${ceiling}/s)`, value: ratio.toFixed(2), target: "≥ 0.95", met: ratio >= 0.95 },
      { name: `${label}: answered 429`, value: `${telegram.rateStats.throttled} (${(throttledShare * 100).toFixed(2)} %)`, target: "< 1 %", met: throttledShare < 0.01 },
      { name: `${label}: sent before a retry_after passed; lost; sent twice`, value: `${telegram.rateStats.early}; ${total - Math.min(total, delivered)}; ${Math.max(0, delivered - total)}`, target: "0; 0; 0", met: telegram.rateStats.early === 0 && delivered === total },
      { name: `${label}: first message after the job`, value: `${firstMs.toFixed(0)} ms`, target: "< 1,000 ms", met: firstMs < 1000 },
    );
  }
  await mongoose.disconnect();
  await emulator.stop();
  return figures;
}

async function main(): Promise<void> {
  // `npm run bench -- broadcast`: that part alone, printed and not written.
  if (process.argv[2] === "broadcast") {
    for (const figure of await broadcastFigures()) console.log(`${figure.name}: ${figure.value} (${figure.target})`);
    return;
  }
  const laiChau = readFileSync(new URL("../data/samples/lai-chau-2018.txt", import.meta.url), "utf8");
  const laiChauMs = time(200, () => parsePlan(laiChau));
  const big = largePlan(2000);
  const bigMs = time(5, () => parsePlan(big));
  const figures: Figure[] = [
    { name: "parse the Lai Châu 2018 plan (32 tasks)", value: `${laiChauMs.toFixed(2)} ms`, target: "< 20 ms", met: laiChauMs < 20 },
    { name: "parse a 2,000-row plan (6,000 tasks)", value: `${bigMs.toFixed(0)} ms`, target: "< 2,000 ms", met: bigMs < 2000 },
    ...(await emulatorFigures()),
    ...(await pushFigures()),
    ...(await broadcastFigures()),
  ];
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  figures.push({ name: "resident memory after the runs", value: `${rssMb.toFixed(0)} MB`, target: "< 300 MB", met: rssMb < 300 });

  const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
  const lines = [
    "# Benchmarks",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`npm run bench\`.`,
    "",
    "| what | measured | target | met |",
    "| --- | --- | --- | --- |",
    ...figures.map((figure) => `| ${figure.name} | ${figure.value} | ${figure.target} | ${figure.met ? "yes" : "**no**"} |`),
    "",
  ];
  writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), lines.join("\n"));
  console.log(lines.join("\n"));
}

await main();
