import { collapseSpaces } from "./plain-text.ts";

/**
 * Reads the "Thời gian thực hiện" cell of a plan: "Tháng 02, 03", "Trong quý II, III",
 * "6 tháng đầu năm", "Thường xuyên trong năm", "Trước ngày 15/11/2024" …
 */
export interface TimeWindow {
  /** Months 1–12, ascending; empty when the text names none. */
  months: number[];
  /** Work done all year round ("Thường xuyên", "Hằng tháng", "Hằng quý"). */
  recurring: boolean;
  /** An explicit deadline, as YYYY-MM-DD. */
  due: string | null;
  /**
   * `read`: months were found; `empty`: nothing written; `incomplete`: a unit word
   * ("Tháng", "Quý") without its numbers, as when the numbers slid into another cell;
   * `unreadable`: text that names no time this reader knows.
   */
  status: "read" | "empty" | "incomplete" | "unreadable";
}

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const QUARTER_ENDS = [3, 6, 9, 12];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m++) out.push(m);
  return out;
}

function quarterMonths(quarter: number): number[] {
  return range(quarter * 3 - 2, quarter * 3);
}

function readQuarter(token: string): number | undefined {
  const value = ROMAN[token] ?? Number(token);
  return Number.isInteger(value) && value >= 1 && value <= 4 ? value : undefined;
}

function isMonth(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 12;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A list of numbers joined by commas, "và", "-" or "đến": a dash or "đến" between two
 * numbers is a range ("Tháng 6 - 7", "quý II đến quý III").
 */
function readList(body: string, read: (token: string) => number | undefined, expand: (a: number, b: number) => number[]): number[] {
  const tokens = body.match(/[0-9]+|[ivx]+|[-–]|đến|tới/g) ?? [];
  const out: number[] = [];
  let pendingRange = false;
  let previous: number | undefined;
  for (const token of tokens) {
    if (token === "-" || token === "–" || token === "đến" || token === "tới") {
      pendingRange = previous !== undefined;
      continue;
    }
    const value = read(token);
    if (value === undefined) continue;
    if (pendingRange && previous !== undefined && value > previous) out.push(...expand(previous + 1, value));
    else out.push(...expand(value, value));
    previous = value;
    pendingRange = false;
  }
  return out;
}

export function parseTimeWindow(raw: string, planYear: number | null): TimeWindow {
  let text = collapseSpaces(raw).normalize("NFC").toLocaleLowerCase("vi");
  if (text === "") return { months: [], recurring: false, due: null, status: "empty" };

  const months = new Set<number>();
  let recurring = false;
  let due: string | null = null;
  const take = (values: number[]) => values.forEach((m) => months.add(m));

  if (/thường xuyên|hằng tháng|hàng tháng|cả năm|quanh năm|suốt năm/.test(text)) {
    take(ALL_MONTHS);
    recurring = true;
  }
  if (/hằng quý|hàng quý/.test(text)) {
    take(QUARTER_ENDS);
    recurring = true;
  }

  // Dates first, so their numbers are not read again as months.
  text = text.replace(
    /(trước|chậm nhất|hạn|không quá|đến|trong)?\s*(ngày)?\s*(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?/g,
    (_whole, keyword: string | undefined, _day, dayText: string, monthText: string, yearText: string | undefined) => {
      const day = Number(dayText);
      const month = Number(monthText);
      const year = yearText ? Number(yearText) : planYear;
      if (!isMonth(month)) return " ";
      months.add(month);
      const isDeadline = keyword !== undefined && keyword !== "trong";
      if (isDeadline && year !== null && isRealDate(year, month, day)) {
        const candidate = `${year}-${pad(month)}-${pad(day)}`;
        if (due === null || candidate > due) due = candidate;
      }
      return " ";
    },
  );

  text = text.replace(/(6|sáu) tháng đầu năm/g, () => (take(range(1, 6)), " "));
  text = text.replace(/(6|sáu) tháng cuối năm/g, () => (take(range(7, 12)), " "));

  // "Từ tháng 3 đến (hết) tháng 5"
  text = text.replace(/từ tháng (\d{1,2}) (?:đến|tới)(?: hết)? tháng (\d{1,2})/g, (_w, a: string, b: string) => {
    const from = Number(a);
    const to = Number(b);
    if (isMonth(from) && isMonth(to)) take(from <= to ? range(from, to) : range(from, 12));
    return " ";
  });

  // "Quý I", "Trong quý II, III", "Quý I và quý II", "từ quý II đến quý III"
  text = text.replace(/quý\s+((?:[ivx]+|\d)(?:\s*(?:,|và|-|–|đến|tới|quý)\s*(?:[ivx]+|\d))*)\b/g, (_w, body: string) => {
    take(readList(body, readQuarter, (a, b) => range(a, b).flatMap(quarterMonths)));
    return " ";
  });

  // "Tháng 02, 03", "Tháng 04,05,06", "Tháng 6 - 7", "tháng 3 và tháng 4"
  text = text.replace(/tháng\s+(\d{1,2}(?:\s*(?:,|;|và|-|–|đến|tới|tháng)\s*\d{1,2})*)/g, (_w, body: string) => {
    take(readList(body, (token) => (isMonth(Number(token)) ? Number(token) : undefined), range));
    return " ";
  });

  const sorted = [...months].sort((a, b) => a - b);
  if (sorted.length > 0) return { months: sorted, recurring, due, status: "read" };
  const status = /^(trong )?(tháng|quý)\s*[.,;:]?$/.test(text.trim()) ? "incomplete" : "unreadable";
  return { months: [], recurring: false, due: null, status };
}
