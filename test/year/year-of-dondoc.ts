import { readFileSync } from "node:fs";
import { Api } from "grammy";
import { expect } from "vitest";
import { scheduleBetween, type Occurrence } from "../../jobs/job-schedule.ts";
import { JobScheduler } from "../../jobs/scheduler.ts";
import { JobRunModel } from "../../models/job-run.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { translatorFor } from "../../src/i18n.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { toPlanJson } from "../../src/plan/plan-json.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { importPlan } from "../../src/services/import-plan.ts";
import { officeHoursWindow } from "../../src/services/office-hours-window.ts";
import { loadSendRules } from "../../src/services/working-calendar.ts";
import { localDate } from "../../src/time/calendar.ts";
import { maySendAt, type SendRules } from "../../src/time/quiet-hours.ts";
import { TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { readLaiChauPlan, repoPath } from "../support/sample-files.ts";
import { TEST_SCHEDULES } from "../support/schedules.ts";

/**
 * A year of dondoc, played with the injected clock: the scheduler ticks at every occurrence
 * `jobs schedule` lists, and the outbox drains then and at 07:00 each morning, as a running bot
 * would. The plan is the Lai Châu one with its years moved to 2026 (a test stand-in for a 2026
 * plan). Nomination rounds are checked weekly here to keep the year short to play. The year is
 * played a quarter a test file, each from an empty database, so that each stays short on a busy
 * machine and two run side by side.
 */
export const TZ = "Asia/Ho_Chi_Minh";
export const schedules = { ...TEST_SCHEDULES, nominationDeadlines: "5 9 * * 1" };
export const quietHours = { startMinute: 18 * 60, endMinute: 7 * 60 };
export const at = (local: string) => new Date(`${local}+07:00`);
export const UBND_OFFICER = 5001;
export const SNV_OFFICER = 5002;
export const LEADER = 5003;

/** The directory, the plan and the people (each test starts on an empty database). */
export async function setUpProvince(): Promise<void> {
  const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau.csv"), "utf8"));
  if (!("rows" in read)) throw new Error("agency CSV does not read");
  await importAgencies(read.rows, { via: "cli" }, new Date());
  const text = readLaiChauPlan().replace(/2018/g, "2026").replace(/2017/g, "2025");
  const plan = parsePlan(text);
  await importPlan(plan, { text, warnings: toPlanJson(plan, translatorFor("vi")).warnings }, { via: "cli" }, new Date());
  await addMember(UBND_OFFICER, "Cán bộ UBND tỉnh", "focal", "UBND");
  await addMember(SNV_OFFICER, "Cán bộ Sở Nội vụ", "focal", "SNV");
  await addMember(LEADER, "Lãnh đạo tỉnh", "leader");
}

export interface PlayHooks {
  /** The bot is down at this instant: nothing ticks or drains. */
  down?: (instant: Date) => boolean;
  /** Before each instant: what people do then, or a restart of the bot (a new scheduler that catches up). */
  before?: (instant: Date, bot: { restart: (asOf: Date) => Promise<void>; sender: OutboxSender }) => Promise<void>;
}

export interface Played {
  config: Harness["deps"]["config"];
  rules: SendRules;
  occurrences: Occurrence[];
  sender: OutboxSender;
}

/** Plays the schedule from `from` to `to`: a tick at each occurrence, a drain then and every morning. */
export async function play(harness: Harness, from: Date, to: Date, hooks: PlayHooks = {}): Promise<Played> {
  const config = { ...harness.deps.config };
  const sender = new OutboxSender({ api: new Api(TOKEN, { apiRoot: config.telegramApiRoot }), clock: harness.clock, sendWindow: officeHoursWindow(config), maxInFlight: 1 });
  const rules = await loadSendRules(config);
  const occurrences = scheduleBetween(from, to, schedules, rules);
  const days = Math.ceil((to.getTime() - from.getTime()) / 86_400_000);
  const mornings = Array.from({ length: days }, (_, day) => new Date(at(`${localDate(from, TZ)}T07:00:00`).getTime() + day * 86_400_000)).filter((m) => m > from && m <= to);
  const ticks = new Set(occurrences.map((o) => o.at.getTime()));
  const instants = [...new Set([...ticks, ...mornings.map((m) => m.getTime())])].sort((a, b) => a - b);

  let scheduler = new JobScheduler(config, harness.clock, () => undefined, () => undefined);
  const restart = async (asOf: Date) => {
    harness.clock.set(asOf);
    scheduler = new JobScheduler(config, harness.clock, () => undefined, () => undefined);
    await scheduler.catchUp();
  };
  await restart(from);
  for (const instant of instants.map((time) => new Date(time))) {
    if (hooks.down?.(instant)) continue;
    await hooks.before?.(instant, { restart, sender });
    harness.clock.set(instant);
    // A morning that is no occurrence only sends what waited overnight: a tick there would find nothing due.
    if (ticks.has(instant.getTime())) await scheduler.tick();
    await sender.drain();
  }
  return { config, rules, occurrences, sender };
}

/** What holds for any stretch of the year: everything went, nothing on a day off or in quiet hours. */
export async function expectNothingUnaskedOutOfHours(rules: SendRules): Promise<void> {
  expect(await OutboxMessageModel.countDocuments({ state: { $ne: "sent" } })).toBe(0);
  for (const message of await OutboxMessageModel.find({ state: "sent" }).lean()) {
    expect(maySendAt(message.sentAt!, rules), `${message.key} at ${message.sentAt!.toISOString()}`).toBe(true);
  }
  const runs = await JobRunModel.find({ job: { $in: ["monthly-push", "reminders"] } }).lean();
  for (const run of runs) expect(rules.calendar.isWorkingDay(localDate(run.asOf, TZ)), run.key).toBe(true);
}

/** The months escalated to the group (nobody reported): each once, three working days after its last reminder. */
export async function escalatedMonths(): Promise<string[]> {
  const sent = await OutboxMessageModel.find({ state: "sent", purpose: "escalation" }).lean();
  return [...new Set(sent.map((m) => m.key.split(":")[1]!))].sort();
}

/** What a person received, by purpose, before `until`. */
export async function received(chatId: number, until: Date, purpose?: string): Promise<number> {
  return OutboxMessageModel.countDocuments({ state: "sent", chatId, sentAt: { $lt: until }, ...(purpose ? { purpose } : {}) });
}

/** The leader's digest: text and chart, at least once a working week from `from`, each run received once. */
export async function expectWeeklyDigests(played: Played, from: Date, until: Date): Promise<Date[]> {
  const digestRuns = await JobRunModel.find({ job: "weekly-digest", asOf: { $lt: until } }).lean();
  expect(digestRuns.filter((run) => run.asOf >= from).length).toBeGreaterThanOrEqual(played.occurrences.filter((o) => o.job === "weekly-digest" && o.at >= from && o.at < until).length);
  expect(await received(LEADER, until)).toBe(digestRuns.length * 2);
  return digestRuns.map((run) => run.asOf);
}

/**
 * A stretch where nothing special happens: everything went in office time on working days, every
 * month was escalated once (nobody reported), each officer got each month's push and two
 * reminders, and the leader each week's digest.
 */
export async function expectAnOrdinaryStretch(played: Played, from: Date, until: Date, months: string[]): Promise<void> {
  await expectNothingUnaskedOutOfHours(played.rules);
  expect((await escalatedMonths()).filter((period) => months.includes(period))).toEqual(months);
  for (const officer of [UBND_OFFICER, SNV_OFFICER]) {
    expect(await received(officer, until, "monthly-push")).toBeGreaterThanOrEqual(months.length);
    expect(await received(officer, until, "reminder")).toBeGreaterThanOrEqual(2 * months.length);
  }
  await expectWeeklyDigests(played, from, until);
}
