import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";
import mongoose from "mongoose";
import * as models from "../models/index.ts";
import { createBot } from "../src/bot.ts";
import { reportButton } from "../src/chat/callback-data.ts";
import { parseConfig } from "../src/config.ts";
import { OffsetClock, systemClock } from "../src/time/clock.ts";
import { runUpdatesWith } from "../src/intake/bot-updates.ts";
import { pollTelegram } from "../src/intake/telegram-polling.ts";
import { UpdateIntake } from "../src/intake/update-intake.ts";
import { mongoConversationStorage } from "../src/conversation-storage.ts";
import { LocalBotApi, type SandboxUser } from "../devkit/bot-api/local-bot-api.ts";
import type { BenchDatabase } from "./database.ts";
import { ms, type Figure } from "./figures.ts";

/**
 * Inbound: 200 focal officers each completing a progress report at the same moment, against the
 * local Bot API server with no rate limits, by dondoc and by a bare grammY bot (runner, one reply
 * per update) driven the same way. Each officer answers as soon as the bot has answered, so the
 * figure is how many updates a second each bot gets through. dondoc's processing time per update
 * is taken around handleUpdate.
 */
const TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnopqrstu";
const OFFICERS = 200;
const YEAR = 2026;
const MONTH = 6;

interface Run {
  updates: number;
  seconds: number;
  handling: number[];
}

/** Waits for the bot's next message in a chat. */
function nextMessage(telegram: LocalBotApi, chatId: number) {
  const before = telegram.calls.length;
  return telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === chatId && telegram.calls.length > before);
}

/** The last keyboard the bot sent to a chat, with its message. */
function lastKeyboard(telegram: LocalBotApi, chatId: number) {
  const message = telegram.messagesOf(chatId).findLast((m) => m.from?.is_bot && m.reply_markup);
  return { message, buttons: message?.reply_markup?.inline_keyboard.flat().map((button) => button.callback_data ?? "") ?? [] };
}

/** One officer through a whole report: the push's button, a status, a percentage, no note, no evidence, confirm. */
async function reportAsOfficer(telegram: LocalBotApi, officer: SandboxUser, pushMessageId: number, report: string): Promise<number> {
  let updates = 0;
  const act = async (action: () => void) => {
    const answered = nextMessage(telegram, officer.id);
    action();
    updates++;
    await answered;
  };
  await act(() => telegram.pressButton(officer, officer.id, pushMessageId, report));
  for (let step = 0; step < 8; step++) {
    const { message, buttons } = lastKeyboard(telegram, officer.id);
    const find = (suffix: string) => buttons.find((data) => data.endsWith(suffix));
    const choice = find(":st:in-progress") ?? find(":ok") ?? find(":skip");
    const asksPercent = /phần trăm/.test(telegram.messagesOf(officer.id).findLast((m) => m.from?.is_bot)?.text ?? "");
    if (asksPercent) await act(() => telegram.sendText(officer, "60"));
    else if (choice) {
      await act(() => telegram.pressButton(officer, officer.id, message!.message_id, choice));
      if (choice.endsWith(":ok")) return updates;
    } else throw new Error(`officer ${officer.id} does not know what to answer`);
  }
  throw new Error(`officer ${officer.id} did not finish the report`);
}

async function dondocRun(database: BenchDatabase): Promise<Run & { perOfficer: number; cpuMsPerUpdate: number; commandsPerUpdate: number; commands: Map<string, number> }> {
  await mongoose.connect(`${database.uri}bench_inbound`, { monitorCommands: process.env.BENCH_COUNT_COMMANDS !== "0" });
  await mongoose.connection.dropDatabase();
  await Promise.all(Object.values(models).map((model) => model.init()));
  execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./province-fixture.ts", import.meta.url)), `${database.uri}bench_inbound`, String(OFFICERS / 2), String(YEAR), String(MONTH)], { stdio: "inherit" });
  const telegram = new LocalBotApi();
  const config = parseConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: await telegram.start(), SECRETARIAT_CHAT_ID: "-1001000000001", QUIET_HOURS: "off" });
  const clock = new OffsetClock(new Date(Date.UTC(YEAR, MONTH - 1, 10, 3)));
  const bot = createBot({ config, clock, wakeOutbox: () => undefined }, { conversationStorage: await mongoConversationStorage() });
  const handling: number[] = [];
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, webhook) => {
    const start = performance.now();
    try {
      return await handle(update, webhook);
    } finally {
      handling.push(performance.now() - start);
    }
  };
  const everyone = await models.MilestoneModel.findOne({ allAgencies: true, recurring: true }).lean();
  const report = reportButton.build({ milestoneId: String(everyone!._id), period: `${YEAR}-${String(MONTH).padStart(2, "0")}`, saidDone: false });
  const officers = (await models.MemberModel.find().lean()).map((member) => ({ id: member.telegramId, first_name: member.displayName, language_code: "vi" }));
  for (const officer of officers) telegram.addPrivateChat(officer);
  const pushes = await Promise.all(officers.map((officer) => bot.api.sendMessage(officer.id, "Nhiệm vụ tháng này", { reply_markup: { inline_keyboard: [[{ text: "1", callback_data: report }]] } })));
  await bot.init();
  const commands = new Map<string, number>();
  mongoose.connection.getClient().on("commandStarted", (event) => { const target = event.command[event.commandName];
    const key = typeof target === "string" ? `${event.commandName} ${target}` : event.commandName; commands.set(key, (commands.get(key) ?? 0) + 1); });
  // As npm start runs it: each update recorded in its chat's queue, then run in the chat's turn.
  const intake = new UpdateIntake({ instance: "bench", clock: systemClock, handle: runUpdatesWith(bot) });
  const runner = pollTelegram(bot, intake, () => undefined);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const counts = await Promise.all(officers.map((officer, i) => reportAsOfficer(telegram, officer, pushes[i]!.message_id, report)));
  const seconds = (performance.now() - start) / 1000;
  const updates = counts.reduce((sum, n) => sum + n, 0);
  // The last answers are sent before their handlers end: let every update finish.
  while (handling.length < updates) await new Promise((resolve) => setImmediate(resolve));
  const used = process.cpuUsage(cpu);
  await runner.stop();
  await intake.stop();
  await telegram.stop();
  // Every officer's report is saved: one version each, from their dialogue.
  const reports = await models.ProgressReportModel.find({ milestone: everyone!._id, period: `${YEAR}-${String(MONTH).padStart(2, "0")}` }).lean();
  const submitted = reports.flatMap((r) => r.versions).filter((v) => v.submissionId).length;
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  if (submitted !== OFFICERS) throw new Error(`${submitted} of ${OFFICERS} reports were saved`);
  const commandCount = [...commands.values()].reduce((sum, n) => sum + n, 0);
  return { updates, seconds, handling, perOfficer: updates / OFFICERS, cpuMsPerUpdate: (used.user + used.system) / 1000 / updates, commandsPerUpdate: commandCount / updates, commands };
}

/** The bare bot: one reply to every update, driven by the same number of updates per officer. */
async function bareRun(perOfficer: number): Promise<Run> {
  const telegram = new LocalBotApi();
  const bot = new Bot(TOKEN, { client: { apiRoot: await telegram.start() } });
  bot.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply("ok", { reply_markup: { inline_keyboard: [[{ text: "ok", callback_data: "ok" }]] } });
  });
  bot.on("message", (ctx) => ctx.reply("ok", { reply_markup: { inline_keyboard: [[{ text: "ok", callback_data: "ok" }]] } }));
  const officers = Array.from({ length: OFFICERS }, (_, i) => ({ id: 2_000_000 + i, first_name: `Cán bộ ${i}` }));
  for (const officer of officers) telegram.addPrivateChat(officer);
  const firsts = await Promise.all(officers.map((officer) => bot.api.sendMessage(officer.id, "Nhiệm vụ", { reply_markup: { inline_keyboard: [[{ text: "ok", callback_data: "ok" }]] } })));
  await bot.init();
  const runner = run(bot);
  const steps = Math.round(perOfficer);
  const start = performance.now();
  await Promise.all(
    officers.map(async (officer, i) => {
      let messageId = firsts[i]!.message_id;
      for (let step = 0; step < steps; step++) {
        const answered = nextMessage(telegram, officer.id);
        if (step % 3 === 2) telegram.sendText(officer, "60");
        else telegram.pressButton(officer, officer.id, messageId, "ok");
        await answered;
        messageId = lastKeyboard(telegram, officer.id).message!.message_id;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await runner.stop();
  await telegram.stop();
  return { updates: steps * OFFICERS, seconds, handling: [] };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

export async function inboundFigures(database: BenchDatabase): Promise<Figure[]> {
  const dondoc = await dondocRun(database);
  // BENCH_INBOUND=dondoc: dondoc alone, to profile it.
  const bare = process.env.BENCH_INBOUND === "dondoc" ? { updates: 1, seconds: 1, handling: [] } : await bareRun(dondoc.perOfficer);
  const dondocRate = dondoc.updates / dondoc.seconds;
  const bareRate = bare.updates / bare.seconds;
  const ratio = dondocRate / bareRate;
  return [
    { name: `inbound, ${OFFICERS} officers reporting at once (${dondoc.updates} updates): updates a second, dondoc ÷ a bare grammY bot`, value: `${dondocRate.toFixed(0)} ÷ ${bareRate.toFixed(0)} = ${ratio.toFixed(2)}`, target: "≥ 0.5", met: ratio >= 0.5 },
    { name: "inbound: dondoc's processing time per update, p50 / p99", value: `${ms(percentile(dondoc.handling, 50))} / ${ms(percentile(dondoc.handling, 99))}`, target: "—", met: true },
    { name: "inbound: dondoc's CPU time and database commands per update", value: `${dondoc.cpuMsPerUpdate.toFixed(1)} ms; ${dondoc.commandsPerUpdate.toFixed(1)} (${[...dondoc.commands].filter(([, n]) => n / dondoc.updates >= 0.05).sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${(n / dondoc.updates).toFixed(1)}`).join(", ")})`, target: "—", met: true },
  ];
}

