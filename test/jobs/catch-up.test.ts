import { TEST_SCHEDULES } from "../support/schedules.ts";
import { describe, expect, it } from "vitest";
import { JobScheduler } from "../../jobs/scheduler.ts";
import { JobRunModel } from "../../models/job-run.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
const config = {
  timeZone: "Asia/Ho_Chi_Minh",
  defaultLocale: "vi" as const,
  secretariatChatId: -100900,
  schedules: TEST_SCHEDULES,
};

describe("catching up after the process was down", () => {
  it("sends the month's push on start-up when 08:00 on the 1st was missed, and only once", async () => {
    await loadLaiChau();
    await addMember(7001, "Cán bộ UBND", "focal", "UBND");
    const clock = new ManualClock(new Date("2018-03-03T02:00:00Z"));
    const scheduler = new JobScheduler(config, clock, () => undefined, () => undefined);
    await scheduler.catchUp();
    expect(await JobRunModel.find({ job: { $ne: "weekly-digest" } }).lean().then((runs) => runs.map((r) => r.key))).toEqual(["monthly-push:2018-03"]);
    expect(await OutboxMessageModel.countDocuments({ chatId: 7001, purpose: "monthly-push" })).toBe(1);
    await scheduler.catchUp();
    expect(await OutboxMessageModel.countDocuments()).toBe(1);

    // Saturday 10/3/2018: the reminder moved to Monday 12/3, not yet due on Sunday.
    clock.set(new Date("2018-03-11T02:00:00Z"));
    await scheduler.catchUp();
    expect(await JobRunModel.countDocuments({ job: "reminders" })).toBe(0);
    // Down over Monday morning: the reminder is caught up, once.
    clock.set(new Date("2018-03-12T04:00:00Z"));
    await scheduler.catchUp();
    await scheduler.catchUp();
    const caughtUp = await JobRunModel.find({ job: { $in: ["monthly-push", "reminders"] } }).sort({ key: 1 }).lean();
    expect(caughtUp.map((r) => r.key)).toEqual(["monthly-push:2018-03", "reminders:2018-03-12"]);
    expect(await OutboxMessageModel.countDocuments({ purpose: "reminder" })).toBe(1);
  });

  it("does not send last month's push in a new month before its time", async () => {
    await loadLaiChau();
    await addMember(7001, "Cán bộ UBND", "focal", "UBND");
    // 07:00 on 1 April in Lai Châu: April's push is not due yet; March's is past.
    const scheduler = new JobScheduler(config, new ManualClock(new Date("2018-04-01T00:00:00Z")), () => undefined, () => undefined);
    await scheduler.catchUp();
    expect(await JobRunModel.countDocuments({ job: { $in: ["monthly-push", "reminders"] } })).toBe(0);
  });

  it("runs on its ticks what fell due since the last one, moved by the calendar", async () => {
    await loadLaiChau();
    await addMember(7001, "Cán bộ UBND", "focal", "UBND");
    // Sunday 1/4/2018, 07:59: the April push belongs to Monday 2/4.
    const clock = new ManualClock(new Date("2018-04-01T08:00:00+07:00"));
    const scheduler = new JobScheduler(config, clock, () => undefined, () => undefined);
    await scheduler.catchUp();
    clock.set(new Date("2018-04-01T08:01:00+07:00"));
    await scheduler.tick();
    expect(await JobRunModel.countDocuments({ job: "monthly-push" })).toBe(0);
    clock.set(new Date("2018-04-02T08:00:30+07:00"));
    await scheduler.tick();
    const runs = await JobRunModel.find({ job: "monthly-push" }).lean();
    expect(runs.map((r) => [r.key, r.asOf.toISOString()])).toEqual([["monthly-push:2018-04", new Date("2018-04-02T08:00:00+07:00").toISOString()]]);
  });
});
