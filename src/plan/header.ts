import { collapseSpaces } from "./plain-text.ts";

/** The facts an official reads at the top of a plan: number, issuer, place and date, title. */
export interface PlanHeader {
  title: string;
  year: number | null;
  issuer: string | null;
  number: string | null;
  issuedOn: string | null;
}

const ISSUING_BODIES: { pattern: RegExp; name: string }[] = [
  { pattern: /^(ỦY|UỶ) BAN NHÂN DÂN(?!\p{L})|^UBND(?!\p{L})/u, name: "Ủy ban nhân dân" },
  { pattern: /^HỘI ĐỒNG THI ĐUA\s*[-–,]?\s*KHEN THƯỞNG(?!\p{L})|^HĐTĐKT(?!\p{L})|^HĐ TĐKT(?!\p{L})/u, name: "Hội đồng Thi đua – Khen thưởng" },
  { pattern: /^SỞ NỘI VỤ(?!\p{L})|^SNV(?!\p{L})/u, name: "Sở Nội vụ" },
];
/** The code after the number ("69/KH-UBND") names the issuing body when the header lines are missing. */
const ISSUER_CODES: Record<string, string> = {
  UBND: "Ủy ban nhân dân",
  HĐTĐKT: "Hội đồng Thi đua – Khen thưởng",
  HĐTĐ: "Hội đồng Thi đua – Khen thưởng",
  SNV: "Sở Nội vụ",
};

function titleCaseWords(upper: string): string {
  return upper
    .toLocaleLowerCase("vi")
    .split(" ")
    .map((word) => word.charAt(0).toLocaleUpperCase("vi") + word.slice(1))
    .join(" ");
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function readNumber(lines: string[]): string | null {
  for (const line of lines) {
    const match = /^Số\s*:?\s*(\d+)\s*\/\s*([\p{L}\d-]+)/u.exec(line);
    if (match) return `${match[1]}/${match[2]}`;
  }
  return null;
}

function readPlaceAndDate(lines: string[]): { place: string | null; issuedOn: string | null } {
  for (const line of lines) {
    const match = /^(.*?),?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(line);
    if (!match) continue;
    const [day, month, year] = [Number(match[2]), Number(match[3]), Number(match[4])];
    const valid = month >= 1 && month <= 12 && day >= 1 && day <= 31;
    return {
      place: match[1]!.trim().replace(/,$/, "") || null,
      issuedOn: valid ? `${year}-${pad(month)}-${pad(day)}` : null,
    };
  }
  return { place: null, issuedOn: null };
}

function readTitle(lines: string[]): string {
  const index = lines.findIndex((line) => /^KẾ HOẠCH\b/u.test(line));
  if (index < 0) return lines[0] ?? "";
  const headline = lines[index]!;
  const rest = headline.replace(/^KẾ HOẠCH\s*/u, "");
  const subject = rest || lines[index + 1] || "";
  if (!subject) return "Kế hoạch";
  return `Kế hoạch ${subject.charAt(0).toLocaleLowerCase("vi")}${subject.slice(1)}`;
}

function readIssuer(lines: string[], number: string | null, place: string | null): string | null {
  const numberIndex = lines.findIndex((line) => /^Số\s*:?/u.test(line));
  const headerLines = lines.slice(0, numberIndex > 0 ? numberIndex : 4);
  for (const [position, line] of headerLines.entries()) {
    const body = ISSUING_BODIES.find(({ pattern }) => pattern.test(line));
    if (!body) continue;
    const sameLine = line.replace(body.pattern, "").trim();
    const next = sameLine || headerLines[position + 1] || "";
    const area = /^(TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec(next);
    if (area) return `${body.name} ${area[1]!.toLocaleLowerCase("vi")} ${titleCaseWords(area[2]!)}`;
    return body.name;
  }
  const code = number?.split("-").pop()?.toUpperCase();
  const body = code ? ISSUER_CODES[code] : undefined;
  if (!body) return null;
  return place ? `${body} tỉnh ${place}` : body;
}

export function parseHeader(text: string): PlanHeader {
  const lines = text
    .split("\n")
    .map(collapseSpaces)
    .filter((line) => line.length > 0)
    .slice(0, 40);
  const number = readNumber(lines);
  const { place, issuedOn } = readPlaceAndDate(lines);
  const title = readTitle(lines);
  const titleYear = /năm\s+(\d{4})/u.exec(title)?.[1];
  const year = titleYear ? Number(titleYear) : issuedOn ? Number(issuedOn.slice(0, 4)) : null;
  return { title, year, issuer: readIssuer(lines, number, place), number, issuedOn };
}
