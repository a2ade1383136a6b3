import { describe, expect, it } from "vitest";
import { wallClock } from "../../src/time/calendar.ts";

/** The local time a spreadsheet cell shows, in the province's zone and in zones that change their clocks. */
describe("the wall clock of an instant", () => {
  it("carries the local time in its UTC fields", () => {
    expect(wallClock(new Date("2026-12-31T17:30:05Z"), "Asia/Ho_Chi_Minh").toISOString()).toBe("2027-01-01T00:30:05.000Z");
    expect(wallClock(new Date("2026-03-01T16:59:59Z"), "Asia/Ho_Chi_Minh").toISOString()).toBe("2026-03-01T23:59:59.000Z");
    expect(wallClock(new Date("2026-06-15T00:00:00Z"), "UTC").toISOString()).toBe("2026-06-15T00:00:00.000Z");
  });

  it("follows a zone's clock changes, midnight included", () => {
    // Berlin: summer time from 01:00 UTC on 29 March 2026.
    expect(wallClock(new Date("2026-03-29T00:59:00Z"), "Europe/Berlin").toISOString()).toBe("2026-03-29T01:59:00.000Z");
    expect(wallClock(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-03-29T03:00:00.000Z");
    expect(wallClock(new Date("2026-07-01T22:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-07-02T00:00:00.000Z");
    expect(wallClock(new Date("2026-11-01T04:30:00Z"), "America/New_York").toISOString()).toBe("2026-11-01T00:30:00.000Z");
  });
});
