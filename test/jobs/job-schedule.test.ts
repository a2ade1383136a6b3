import { describe, expect, it } from "vitest";
import { jobOccurrences, nextOccurrenceOf, scheduleBetween } from "../../jobs/job-schedule.ts";
import { formatOffsetDateTime } from "../../src/time/calendar.ts";
import { readQuietHours } from "../../src/time/quiet-hours.ts";
import { WorkingCalendar } from "../../src/time/working-calendar.ts";
import { TEST_SCHEDULES } from "../support/schedules.ts";

const rules = { calendar: new WorkingCalendar(), quiet: readQuietHours("18:00-07:00"), timeZone: "Asia/Ho_Chi_Minh" };
const year = (y: number) => [new Date(`${y - 1}-12-31T23:59:59+07:00`), new Date(`${y}-12-31T23:59:59+07:00`)] as const;
const local = (at: Date) => formatOffsetDateTime(at, "Asia/Ho_Chi_Minh");

describe("the year's schedule", () => {
  it("pushes at 08:00 on the first working day of each month", () => {
    const pushes = jobOccurrences("monthly-push", ...year(2026), TEST_SCHEDULES, rules).map((o) => local(o.at));
    expect(pushes).toHaveLength(12);
    expect(pushes.slice(0, 3)).toEqual(["2026-01-02T08:00:00+07:00", "2026-02-02T08:00:00+07:00", "2026-03-02T08:00:00+07:00"]);
    // 1/11/2026 is a Sunday; 1/5 is Labour Day.
    expect(pushes).toContain("2026-05-04T08:00:00+07:00");
    expect(pushes).toContain("2026-11-02T08:00:00+07:00");
  });

  it("moves reminders off weekends and holidays, never into Tết", () => {
    const reminders = jobOccurrences("reminders", ...year(2026), TEST_SCHEDULES, rules).map((o) => local(o.at));
    expect(reminders).toHaveLength(24);
    // Sunday 10/5 → Monday 11/5; Friday 20/2 is in Tết → Monday 23/2.
    expect(reminders).toContain("2026-05-11T08:30:00+07:00");
    expect(reminders).toContain("2026-02-23T08:30:00+07:00");
    for (const at of jobOccurrences("reminders", ...year(2026), TEST_SCHEDULES, rules)) {
      expect(rules.calendar.isWorkingDay(local(at.at).slice(0, 10))).toBe(true);
    }
  });

  it("skips days off for the daily summary, merges a digest moved onto the next one", () => {
    const summaries = jobOccurrences("daily-summary", ...year(2026), TEST_SCHEDULES, rules);
    expect(summaries.some((o) => local(o.at).startsWith("2026-02-17"))).toBe(false);
    expect(summaries.some((o) => local(o.at).startsWith("2026-02-23"))).toBe(true);
    const digests = jobOccurrences("weekly-digest", ...year(2026), TEST_SCHEDULES, rules).map((o) => local(o.at));
    // Monday 16/2 is a Tết day: that week's digest waits for Monday 23/2, which runs once.
    expect(digests.filter((at) => at.startsWith("2026-02-2"))).toEqual(["2026-02-23T07:30:00+07:00"]);
  });

  it("checks rounds hourly in office time only", () => {
    const checks = jobOccurrences("nomination-deadlines", new Date("2026-03-06T00:00:00+07:00"), new Date("2026-03-09T23:59:59+07:00"), TEST_SCHEDULES, rules).map((o) => local(o.at));
    expect(checks[0]).toBe("2026-03-06T07:05:00+07:00");
    expect(checks).not.toContain("2026-03-07T09:05:00+07:00");
    expect(checks.at(-1)).toBe("2026-03-09T17:05:00+07:00");
  });

  it("lists the whole year in time order and follows announced changes", () => {
    const all = scheduleBetween(...year(2026), TEST_SCHEDULES, rules);
    expect(all.map((o) => o.at.getTime())).toEqual([...all].map((o) => o.at.getTime()).sort((a, b) => a - b));
    const moved = { ...rules, calendar: new WorkingCalendar([{ date: "2026-03-02", kind: "off", name: "Nghỉ" }]) };
    expect(local(nextOccurrenceOf("monthly-push", new Date("2026-02-15T00:00:00+07:00"), TEST_SCHEDULES, moved)!.at)).toBe("2026-03-03T08:00:00+07:00");
  });
});
