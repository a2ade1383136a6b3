/**
 * The local fields of an instant in a time zone, through one cached Intl formatter a zone: every
 * update asks which month it is, the scheduler asks for every occurrence of a year, and an export
 * for every cell, where dayjs' zone plugin is twenty times slower.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, format);
  }
  return format;
}

export interface LocalFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localFields(instant: Date, timeZone: string): LocalFields {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) if (part.type !== "literal") fields[part.type] = Number(part.value);
  return fields as unknown as LocalFields;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-02-17": the local calendar date. */
export function localDateOf(fields: LocalFields): string {
  return `${fields.year}-${two(fields.month)}-${two(fields.day)}`;
}

export interface LocalClock {
  /** "2026-02-17" */
  date: string;
  /** Minutes after local midnight. */
  minute: number;
}

export function localClock(instant: Date, timeZone: string): LocalClock {
  const fields = localFields(instant, timeZone);
  return { date: localDateOf(fields), minute: fields.hour * 60 + fields.minute };
}
