import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meansDone, readPercent } from "../../src/followup/report-input.ts";
import { MAX_COUNT, readCount } from "../../src/nominations/count-input.ts";
import { readRoundDeadline } from "../../src/nominations/deadline-input.ts";
import { formatCalendarDate, localDate, parseInstant, parsePeriod, readLocalDeadline } from "../../src/time/calendar.ts";
import { readLocalDate } from "../../src/time/local-dates.ts";
import { readQuietHours } from "../../src/time/quiet-hours.ts";
import { WorkingCalendar } from "../../src/time/working-calendar.ts";
import { plannish } from "./fuzz-support.ts";

/**
 * What officers type in the dialogues (counts, percent, notes that mean "done", dates and
 * deadlines): any text gives a value in range or a reason, never an exception or a wrong value.
 */
const ZONE = "Asia/Ho_Chi_Minh";
const typed = fc.oneof(
  plannish(4),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom("", "%", " %", ".5", ",000", ".000.000", "/2", " ", "e3")).map(([n, suffix]) => `${n}${suffix}`),
  fc.tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 15 }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom("/", "-", ".", " / "), fc.constantFrom("", " 09:30", " 25:00", " 9h30", "T08:00")).map(([d, m, y, sep, time]) => `${d}${sep}${m}${sep}${y}${time}`),
  fc.integer({ min: -5, max: 100 }).map((n) => `trong ${n} ngày làm việc`),
);
const calendarDate = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const isValidDate = (value: Date | null) => value === null || !Number.isNaN(value.getTime());

describe("typed answers", () => {
  it("read a count as a whole number within the limit, or say why not", () => {
    fc.assert(
      fc.property(typed, (text) => {
        const read = readCount(text);
        if (read.ok) expect(Number.isInteger(read.value) && read.value >= 0 && read.value <= MAX_COUNT).toBe(true);
        else expect(["negative", "fraction", "not-a-number", "too-large"]).toContain(read.problem);
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_COUNT }), (n) => void expect(readCount(` ${n} `)).toEqual({ ok: true, value: n })));
  });

  it("read a percent as 0 to 100, and tell done from anything else without failing", () => {
    fc.assert(
      fc.property(typed, (text) => {
        const read = readPercent(text);
        if (read.ok) expect(Number.isInteger(read.value) && read.value >= 0 && read.value <= 100).toBe(true);
        expect(typeof meansDone(text)).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (n) => void expect(readPercent(`${n}%`)).toEqual({ ok: true, value: n })));
  });

  it("read dates and deadlines as real dates or nothing, and never roll 31/02 into March", () => {
    const calendar = new WorkingCalendar();
    const now = new Date("2026-03-02T02:00:00Z");
    fc.assert(
      fc.property(typed, (text) => {
        const date = readLocalDate(text);
        if (date !== null) expect(readLocalDate(formatCalendarDate(date))).toBe(date);
        expect(isValidDate(readLocalDeadline(text, ZONE))).toBe(true);
        expect(isValidDate(parseInstant(text, ZONE))).toBe(true);
        const deadline = readRoundDeadline(text, { now, timeZone: ZONE, calendar });
        expect(isValidDate(deadline)).toBe(true);
        if (deadline && /ngày làm việc/.test(text)) expect(calendar.isWorkingDay(localDate(deadline, ZONE)) && deadline > now).toBe(true);
        const period = parsePeriod(text);
        if (period) expect(period.month >= 1 && period.month <= 12).toBe(true);
        const quiet = readQuietHours(text);
        if (quiet) expect(quiet.startMinute !== quiet.endMinute && Math.max(quiet.startMinute, quiet.endMinute) < 24 * 60).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(calendarDate, (date) => void expect(readLocalDate(formatCalendarDate(date))).toBe(date)));
  });
});
