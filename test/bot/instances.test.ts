import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { JobRunModel } from "../../models/job-run.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { importPlan } from "../../src/services/import-plan.ts";
import { TOKEN } from "../support/bot-harness.ts";
import { spawnBot, type BotProcess } from "../support/bot-process.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Three instances of `npm start` on one database and one Bot API server, as a data centre might
 * run them: one leads (polls, runs the schedules, drains the outbox), the others stand by; a
 * kill -9 of the leader hands everything over, a conversation included, with nothing twice.
 */
const db = useTestDatabase();
const telegram = new LocalBotApi({ token: TOKEN });
const scratch = mkdtempSync(join(tmpdir(), "dondoc-instances-"));
const instances: BotProcess[] = [];
beforeAll(() => telegram.start());
afterAll(async () => {
  if (process.env.DEBUG_INSTANCES) {
    for (const [n, instance] of instances.entries()) console.log(`--- instance ${n + 1}\n${instance.output()}`);
    console.log(JSON.stringify(telegram.calls.map((c) => [c.method, c.params.chat_id, String(c.params.text ?? "").slice(0, 60)])));
  }
  for (const instance of instances) instance.child.kill("SIGKILL");
  await telegram.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const SECRETARY = { id: 9201, first_name: "Hà", language_code: "vi" };
const OFFICER = 9202;

describe("several instances on one database", () => {
  // Three bot processes at once: seconds on an idle machine; the budget is for a busy one.
  it("share the work under a lease, and a kill -9 of the leader loses nothing", async () => {
    const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau-2026-sample.csv"), "utf8"));
    if (!("rows" in read)) throw new Error("directory");
    await importAgencies(read.rows, { via: "cli" }, new Date());
    const text = readFileSync(repoPath("data/samples/lai-chau-2026-sample.txt"), "utf8");
    await importPlan(parsePlan(text), { text, warnings: [] }, { via: "cli" }, new Date());
    await addMember(SECRETARY.id, "Thư ký", "secretariat");
    await addMember(OFFICER, "Cán bộ Sở Nội vụ", "focal", "SNV");

    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${db.name}`;
    // Monday 2 March 2026, half a minute after the push was due: whoever leads catches it up.
    const env = (n: number) => ({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: uri.toString(), DATA_DIR: join(scratch, String(n)), LEASE_SECONDS: "2", CLOCK_START: "2026-03-02T08:00:30+07:00" });
    for (const n of [1, 2, 3]) instances.push(spawnBot(env(n)));
    await Promise.race(instances.map((instance) => instance.waitFor(/long polling/)));
    await Promise.all(instances.map((instance) => instance.waitFor(/lease leader: (leading|held by another instance)/)));
    const leaders = () => instances.filter((instance) => instance.child.exitCode === null && /long polling/.test(instance.output()));
    expect(leaders()).toHaveLength(1);
    const leader = leaders()[0]!;

    // The push went once, from the leader alone.
    await telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === OFFICER);
    expect(await JobRunModel.countDocuments({ key: "monthly-push:2026-03" })).toBe(1);
    for (const instance of instances.filter((i) => i !== leader)) expect(instance.output()).not.toMatch(/job monthly-push/);

    // The secretariat starts an invite; the leader dies between two answers.
    telegram.sendText(SECRETARY, "/moi");
    const question = await telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === SECRETARY.id && String(params.text).includes("Tạo lời mời cho ai"));
    // Killed once the step is over (its state saved): the next answer goes to another instance.
    await expect.poll(() => ChatQueueModel.countDocuments({ _id: SECRETARY.id, "done.0": { $exists: true }, holder: null }), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    leader.child.kill("SIGKILL");
    await leader.exited();
    const takeover = await Promise.race(instances.filter((i) => i !== leader).map((instance) => instance.waitFor(/long polling/).then(() => instance)));
    expect(takeover.output()).toMatch(/lease leader: leading/);

    const markup = question.params.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const focal = markup.inline_keyboard.flat().find((button) => button.callback_data.endsWith(":role:focal"))!;
    const message = telegram.messagesOf(SECRETARY.id).find((m) => String(m.text).includes("Tạo lời mời cho ai"))!;
    expect(telegram.pressButton(SECRETARY, SECRETARY.id, message.message_id, focal.callback_data)).toBe(true);
    await telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === SECRETARY.id && String(params.text).includes("Nhập mã hoặc tên cơ quan"));

    // Nothing twice: one push to the officer, one job run, whatever the instances did.
    expect(telegram.callsOf("sendMessage").filter((call) => Number(call.params.chat_id) === OFFICER)).toHaveLength(1);
    expect(await OutboxMessageModel.countDocuments({ chatId: OFFICER, state: "sent" })).toBe(1);
    expect(await JobRunModel.countDocuments({ job: "monthly-push" })).toBe(1);
  }, 300_000);
});
