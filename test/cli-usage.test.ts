import { describe, expect, it } from "vitest";
import { formatUsage } from "../src/cli/usage.ts";
import { parseInstant } from "../src/time/calendar.ts";

/** What `npm run cli -- --help` prints, and the instants `jobs run --at` takes. */
describe("the command line's usage and instants", () => {
  it("prints usage in two aligned columns, a long command's description on its own line", () => {
    const printed = formatUsage(["plan list   the plans", "jobs run NAME [--at INSTANT]   run a job", `${"x".repeat(60)}   long`]).split("\n");
    expect(printed[0]!.indexOf("the plans")).toBe(printed[1]!.indexOf("run a job"));
    expect(printed[2]).toBe(`  ${"x".repeat(60)}`);
    expect(printed[3]!.trimStart()).toBe("long");
    expect(printed[3]!.indexOf("long")).toBe(printed[0]!.indexOf("the plans"));
  });

  it("takes any ISO 8601 instant, as Date.toISOString() and people write them", () => {
    const zone = "Asia/Ho_Chi_Minh";
    expect(parseInstant("2026-12-06T16:22:52.350Z", zone)?.toISOString()).toBe("2026-12-06T16:22:52.350Z");
    expect(parseInstant("2018-03-01T08:00:00+07:00", zone)?.toISOString()).toBe("2018-03-01T01:00:00.000Z");
    expect(parseInstant("2018-03-01T08:00+0700", zone)?.toISOString()).toBe("2018-03-01T01:00:00.000Z");
    expect(parseInstant("2018-03-01T08:00+07", zone)?.toISOString()).toBe("2018-03-01T01:00:00.000Z");
    expect(parseInstant("2018-03-01T08:00", zone)?.toISOString()).toBe("2018-03-01T01:00:00.000Z");
    for (const bad of ["2018-02-30", "2018-03-01T24:00", "tomorrow", "2018-03-01T08:00+7"]) expect(parseInstant(bad, zone), bad).toBeNull();
  });
});
