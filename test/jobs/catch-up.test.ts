import { TEST_SCHEDULES } from "../support/schedules.ts";
import { describe, expect, it } from "vitest";
import { JobScheduler } from "../../jobs/scheduler.ts";
import { JobRunModel } from "../../models/job-run.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ManualClock } from "../../src/outbox/clock.ts";
import { previousOccurrence } from "../../src/time/cron-occurrences.ts";
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
  it("finds the last occurrence in the province's time zone", () => {
    expect(previousOccurrence("0 8 1 * *", new Date("2018-03-05T00:00:00Z"), "Asia/Ho_Chi_Minh").toISOString()).toBe("2018-03-01T01:00:00.000Z");
    expect(previousOccurrence("0 8 1 * *", new Date("2018-03-01T01:00:00Z"), "Asia/Ho_Chi_Minh").toISOString()).toBe("2018-03-01T01:00:00.000Z");
  });

  it("sends the month's push on start-up when 08:00 on the 1st was missed, and only once", async () => {
    await loadLaiChau();
    await addMember(7001, "Cán bộ UBND", "focal", "UBND");
    const clock = new ManualClock(new Date("2018-03-03T02:00:00Z"));
    const scheduler = new JobScheduler(config, clock, () => undefined, () => undefined);
    await scheduler.catchUp();
    expect(await JobRunModel.find().lean().then((runs) => runs.map((r) => r.key))).toEqual(["monthly-push:2018-03"]);
    expect(await OutboxMessageModel.countDocuments({ chatId: 7001, purpose: "monthly-push" })).toBe(1);
    await scheduler.catchUp();
    expect(await OutboxMessageModel.countDocuments()).toBe(1);

    // Down over the 10th too: the reminder is caught up as well, once.
    clock.set(new Date("2018-03-11T02:00:00Z"));
    await scheduler.catchUp();
    expect(await JobRunModel.find().sort({ key: 1 }).lean().then((runs) => runs.map((r) => r.key))).toEqual(["monthly-push:2018-03", "reminders:2018-03-10"]);
    expect(await OutboxMessageModel.countDocuments({ purpose: "reminder" })).toBe(1);
  });

  it("does not send last month's push in a new month before its time", async () => {
    await loadLaiChau();
    await addMember(7001, "Cán bộ UBND", "focal", "UBND");
    // 07:00 on 1 April in Lai Châu: April's push is not due yet; March's is past.
    const scheduler = new JobScheduler(config, new ManualClock(new Date("2018-04-01T00:00:00Z")), () => undefined, () => undefined);
    await scheduler.catchUp();
    expect(await JobRunModel.countDocuments()).toBe(0);
  });
});
