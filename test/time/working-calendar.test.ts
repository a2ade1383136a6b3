import { describe, expect, it } from "vitest";
import { readLocalDate } from "../../src/time/local-dates.ts";
import { publicHolidays } from "../../src/time/public-holidays.ts";
import { maySendAt, nextSendableInstant, readQuietHours } from "../../src/time/quiet-hours.ts";
import { WorkingCalendar } from "../../src/time/working-calendar.ts";

const daysOff = (calendar: WorkingCalendar, from: string, to: string) =>
  calendar
    .nonWorkingDays(Number(from.slice(0, 4)))
    .map((day) => day.date)
    .filter((date) => date >= from && date <= to);

describe("Vietnam's public holidays", () => {
  it("puts Tết and Giỗ Tổ on the Vietnamese lunar calendar (UTC+7)", () => {
    const names = (year: number) => new Map(publicHolidays(year).map((h) => [h.date, h.name.vi]));
    expect(names(2026).get("2026-02-17")).toBe("Tết Nguyên Đán");
    expect(names(2027).get("2027-02-06")).toBe("Tết Nguyên Đán");
    expect(names(2026).get("2026-04-26")).toBe("Giỗ tổ Hùng Vương");
    // 2007 is a year the Chinese calendar puts New Year a day later (18/2).
    expect(names(2007).get("2007-02-17")).toBe("Tết Nguyên Đán");
    expect(names(2007).has("2007-02-18")).toBe(true);
  });

  it("has the fixed days and Quốc khánh's second day", () => {
    const dates = publicHolidays(2025).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(["2025-01-01", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02"]));
    // 2/9/2026 is a Wednesday: the day after.
    expect(publicHolidays(2026).map((h) => h.date)).toContain("2026-09-03");
  });

  it("gives the next working day off for a holiday on a weekend", () => {
    // 1/1/2028 is a Saturday.
    const comp = publicHolidays(2028).find((h) => h.date === "2028-01-03");
    expect(comp?.name.vi).toBe("Nghỉ bù Tết Dương lịch");
    // Tết 2027 (6/2, a Saturday): the five days run 5–9/2 and two days in lieu follow.
    expect(daysOff(new WorkingCalendar(), "2027-02-04", "2027-02-12")).toEqual(["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"]);
  });
});

describe("the working calendar", () => {
  const calendar = new WorkingCalendar();

  it("has no working day during Tết 2026, 14–22 February", () => {
    expect(daysOff(calendar, "2026-02-13", "2026-02-23")).toEqual(["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"]);
    expect(calendar.workingDayFrom("2026-02-14")).toBe("2026-02-23");
  });

  it("moves a Sunday to Monday and counts working days", () => {
    expect(calendar.workingDayFrom("2026-05-10")).toBe("2026-05-11");
    expect(calendar.workingDayFrom("2026-02-01")).toBe("2026-02-02");
    // Five working days from Thursday 12/2/2026 cross Tết: 13, 23, 24, 25, 26.
    expect(calendar.addWorkingDays("2026-02-12", 5)).toBe("2026-02-26");
    expect(calendar.workingDaysBetween("2026-02-12", "2026-02-26")).toBe(5);
  });

  it("takes the year's announced changes as overrides", () => {
    const corrected = new WorkingCalendar([
      { date: "2026-09-01", kind: "off", name: "Nghỉ lễ Quốc khánh (Thông báo của Bộ Nội vụ)" },
      { date: "2026-09-03", kind: "working", name: "Làm việc bình thường" },
      { date: "2026-09-05", kind: "working", name: "Làm bù" },
    ]);
    expect(corrected.isWorkingDay("2026-09-01")).toBe(false);
    expect(corrected.isWorkingDay("2026-09-03")).toBe(true);
    expect(corrected.isWorkingDay("2026-09-05")).toBe(true);
    expect(corrected.day("2026-09-01").name?.vi).toContain("Bộ Nội vụ");
    expect(corrected.notableDays(2026).map((d) => d.date)).toEqual(expect.arrayContaining(["2026-09-01", "2026-09-03", "2026-09-05"]));
  });

  it("reads dates as people type them, refusing ones that do not exist", () => {
    expect(readLocalDate("3/9/2026")).toBe("2026-09-03");
    expect(readLocalDate("2026-09-03")).toBe("2026-09-03");
    expect(readLocalDate("30/02/2026")).toBeNull();
    expect(readLocalDate("2026-13-01")).toBeNull();
    expect(readLocalDate("")).toBeNull();
  });
});

describe("quiet hours", () => {
  const rules = { calendar: new WorkingCalendar(), quiet: readQuietHours("18:00-07:00"), timeZone: "Asia/Ho_Chi_Minh" };

  it("holds a catch-up at 23:00 until the next working morning", () => {
    // Friday 23:00 → Monday 07:00.
    const late = new Date("2026-03-06T23:00:00+07:00");
    expect(maySendAt(late, rules)).toBe(false);
    expect(nextSendableInstant(late, rules).toISOString()).toBe(new Date("2026-03-09T07:00:00+07:00").toISOString());
    // 05:00 on a Tuesday → 07:00 the same day.
    expect(nextSendableInstant(new Date("2026-03-10T05:00:00+07:00"), rules).toISOString()).toBe(new Date("2026-03-10T07:00:00+07:00").toISOString());
    expect(maySendAt(new Date("2026-03-10T08:00:00+07:00"), rules)).toBe(true);
    // Inside Tết: after it.
    expect(nextSendableInstant(new Date("2026-02-16T09:00:00+07:00"), rules).toISOString()).toBe(new Date("2026-02-23T07:00:00+07:00").toISOString());
  });

  it("refuses a malformed setting", () => {
    expect(readQuietHours("18-7")).toBeNull();
    expect(readQuietHours("25:00-07:00")).toBeNull();
    expect(readQuietHours("07:00-07:00")).toBeNull();
  });
});
