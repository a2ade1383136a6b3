import Holidays from "date-holidays";
import { addDays, datesBetween, isWeekend, weekdayOf, type LocalDate } from "./local-dates.ts";

/**
 * Vietnam's public holidays under the Labour Code (Bộ luật Lao động 2019, Điều 112): Tết Dương
 * lịch, Tết Nguyên Đán (five days), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5 and Quốc khánh
 * (2/9 and a day beside it). The list and the lunar dates come from date-holidays, whose
 * Vietnamese calendar is computed at UTC+7 (Chinese-calendar tables can be a day off). A
 * holiday on a weekend gives the next working day off (nghỉ bù, Điều 111). The government
 * fixes the exact days each year; the secretariat records those as overrides.
 */
export interface DayName {
  vi: string;
  en: string;
}

export interface PublicHoliday {
  date: LocalDate;
  name: DayName;
}

const vietnam = { vi: new Holidays("VN", { languages: ["vi"] }), en: new Holidays("VN", { languages: ["en"] }) };

const TET: DayName = { vi: "Tết Nguyên Đán", en: "Lunar New Year (Tết)" };
const NATIONAL_DAY_EXTRA: DayName = { vi: "Nghỉ lễ Quốc khánh", en: "National Day holiday" };

function fromLibrary(year: number): PublicHoliday[] {
  const english = vietnam.en.getHolidays(year, "en").filter((holiday) => holiday.type === "public");
  const holidays: PublicHoliday[] = [];
  for (const [index, holiday] of vietnam.vi.getHolidays(year, "vi").filter((h) => h.type === "public").entries()) {
    const first = holiday.date.slice(0, 10);
    const days = Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000);
    const isTet = /vietnamese 1-0-1/.test(holiday.rule);
    const name = isTet ? TET : { vi: holiday.name, en: english[index]?.name ?? holiday.name };
    for (const date of datesBetween(first, addDays(first, days - 1))) holidays.push({ date, name });
  }
  return holidays;
}

/**
 * The day beside 2 September: the one that joins the holiday to a weekend where it can (as the
 * government chose in 2021–2025), else the day after.
 */
function nationalDayExtra(year: number): LocalDate {
  const day = weekdayOf(`${year}-09-02`);
  return day === 2 || day === 5 || day === 6 ? `${year}-09-01` : `${year}-09-03`;
}

/** The statutory days off of a year, one entry a date, with compensation days for weekend holidays. */
export function publicHolidays(year: number): PublicHoliday[] {
  const byDate = new Map<LocalDate, PublicHoliday>();
  for (const holiday of fromLibrary(year)) if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
  const extra = nationalDayExtra(year);
  if (!byDate.has(extra)) byDate.set(extra, { date: extra, name: NATIONAL_DAY_EXTRA });

  const compensation: PublicHoliday[] = [];
  const taken = (date: LocalDate) => byDate.has(date) || compensation.some((c) => c.date === date);
  for (const holiday of [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    if (!isWeekend(holiday.date)) continue;
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken(date)) date = addDays(date, 1);
    compensation.push({ date, name: { vi: `Nghỉ bù ${holiday.name.vi}`, en: `${holiday.name.en} (day in lieu)` } });
  }
  return [...byDate.values(), ...compensation].sort((a, b) => a.date.localeCompare(b.date));
}
