import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobRunModel } from "../../models/job-run.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { localDate } from "../../src/time/calendar.ts";
import { startHarness, type Harness } from "../support/bot-harness.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { at, expectAnOrdinaryStretch, play, quietHours, schedules, setUpProvince, TZ } from "./year-of-dondoc.ts";

/** January to March 2026 (see year-of-dondoc.ts): Tết, and a day the bot is down. */
useTestDatabase();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness(at("2026-01-01T00:00:00"), { schedules, quietHours });
});
afterAll(() => harness.stop());

describe("a year of dondoc, January to March", () => {
  it("pushes and reminds only on working days, never in quiet hours, and catches up a day it was down", async () => {
    await setUpProvince();
    const from = at("2026-01-01T00:00:00");
    const until = at("2026-04-01T00:00:00");
    let restartedLate = false;
    const played = await play(harness, from, new Date(until.getTime() - 1), {
      // The bot is down on Monday 2 March from 07:00 and comes back at 23:00: its catch-up waits for the morning.
      down: (instant) => instant >= at("2026-03-02T07:00:00") && instant < at("2026-03-02T23:00:00"),
      before: async (instant, bot) => {
        if (restartedLate || instant < at("2026-03-02T23:00:00")) return;
        restartedLate = true;
        await bot.restart(at("2026-03-02T23:00:00"));
        expect(await OutboxMessageModel.countDocuments({ purpose: "monthly-push", "about.period": "2026-03", state: "pending" })).toBe(2);
        expect(await bot.sender.drain()).toBe(0);
      },
    });
    await expectAnOrdinaryStretch(played, from, until, ["2026-01", "2026-02", "2026-03"]);
    // No push or reminder during Tết 2026 (14–22/2).
    const runs = await JobRunModel.find({ job: { $in: ["monthly-push", "reminders"] } }).lean();
    expect(runs.some((run) => localDate(run.asOf, TZ) >= "2026-02-14" && localDate(run.asOf, TZ) <= "2026-02-22")).toBe(false);
    // March's push, missed at 08:00 and caught up at 23:00, went at 07:00 the next morning.
    const march = await OutboxMessageModel.find({ state: "sent", purpose: "monthly-push", "about.period": "2026-03" }).lean();
    expect(march.map((m) => m.sentAt!.toISOString())).toEqual([at("2026-03-03T07:00:00").toISOString(), at("2026-03-03T07:00:00").toISOString()]);
    // The leader's digest missed while down on 2 March went too.
    const digests = await JobRunModel.find({ job: "weekly-digest" }).lean();
    expect(digests.map((run) => run.asOf.toISOString())).toContain(at("2026-03-02T07:30:00").toISOString());
  }, 240_000);
});
