import { afterAll, beforeAll, describe, it } from "vitest";
import { startHarness, type Harness } from "../support/bot-harness.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { at, expectAnOrdinaryStretch, play, quietHours, schedules, setUpProvince } from "./year-of-dondoc.ts";

/** July to September 2026 (see year-of-dondoc.ts): an ordinary quarter. */
useTestDatabase();
let harness: Harness;
const from = at("2026-07-01T00:00:00");
const until = at("2026-10-01T00:00:00");

beforeAll(async () => {
  harness = await startHarness(from, { schedules, quietHours });
});
afterAll(() => harness.stop());

describe("a year of dondoc, July to September", () => {
  it("pushes and reminds only on working days, never in quiet hours, and escalates every silent month once", async () => {
    await setUpProvince();
    const played = await play(harness, from, new Date(until.getTime() - 1));
    await expectAnOrdinaryStretch(played, from, until, ["2026-07", "2026-08", "2026-09"]);
  }, 240_000);
});
