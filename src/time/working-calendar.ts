import { addDays, datesBetween, isWeekend, yearOf, type LocalDate } from "./local-dates.ts";
import { publicHolidays, type DayName } from "./public-holidays.ts";

/**
 * Which days are working days: Monday to Friday, less the public holidays, corrected by what
 * the government announced for the year (a day off moved, a Saturday worked in exchange), which
 * the secretariat records as overrides.
 */
export interface CalendarOverride {
  date: LocalDate;
  kind: "off" | "working";
  name: string;
}

export type DayKind = "working" | "weekend" | "holiday" | "override-off";

export interface CalendarDay {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  /** The holiday's or the override's name, in Vietnamese and English. */
  name: DayName | null;
  /** Set when a person changed this day from what the rules say. */
  override: CalendarOverride | null;
}

export class WorkingCalendar {
  private readonly overrides: Map<LocalDate, CalendarOverride>;
  private readonly holidaysByYear = new Map<number, Map<LocalDate, DayName>>();

  constructor(overrides: CalendarOverride[] = []) {
    this.overrides = new Map(overrides.map((override) => [override.date, override]));
  }

  private holidays(year: number): Map<LocalDate, DayName> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Map(publicHolidays(year).map((holiday) => [holiday.date, holiday.name]));
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  day(date: LocalDate): CalendarDay {
    const override = this.overrides.get(date) ?? null;
    const holiday = this.holidays(yearOf(date)).get(date) ?? null;
    if (override) {
      const name = { vi: override.name, en: override.name };
      return override.kind === "off"
        ? { date, working: false, kind: "override-off", name, override }
        : { date, working: true, kind: "working", name, override };
    }
    if (holiday) return { date, working: false, kind: "holiday", name: holiday, override: null };
    if (isWeekend(date)) return { date, working: false, kind: "weekend", name: null, override: null };
    return { date, working: true, kind: "working", name: null, override: null };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.day(date).working;
  }

  /** `date` itself when it is a working day, else the next one. */
  workingDayFrom(date: LocalDate): LocalDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** The working day `count` working days after `date` ("trong 5 ngày làm việc"). */
  addWorkingDays(date: LocalDate, count: number): LocalDate {
    let day = date;
    for (let left = count; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days after `from` up to and including `to`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    if (to <= from) return 0;
    return datesBetween(addDays(from, 1), to).filter((date) => this.isWorkingDay(date)).length;
  }

  /** Days of the year that are not ordinary weekends but are off, and weekends made working. */
  notableDays(year: number): CalendarDay[] {
    return datesBetween(`${year}-01-01`, `${year}-12-31`)
      .map((date) => this.day(date))
      .filter((day) => day.kind === "holiday" || day.kind === "override-off" || (day.working && isWeekend(day.date)) || day.override !== null);
  }

  /** Every day of the year that is not worked, weekends included. */
  nonWorkingDays(year: number): CalendarDay[] {
    return datesBetween(`${year}-01-01`, `${year}-12-31`)
      .map((date) => this.day(date))
      .filter((day) => !day.working);
  }
}
