import { splitBullets } from "./bullets.ts";
import { collapseSpaces } from "./plain-text.ts";

/**
 * Reads the "Đơn vị chủ trì và phối hợp" cell. Units are separated by ";" and list dashes,
 * never by commas: names contain commas ("Ban TĐKT, Sở Nội vụ", "Trung tâm Phục vụ hành chính
 * công, Xúc tiến đầu tư và hỗ trợ doanh nghiệp tỉnh"). The first unit listed leads.
 */
export type UnitRole = "lead" | "coordinating";

export interface PlanUnit {
  name: string;
  role: UnitRole;
}

export interface ParsedUnits {
  units: PlanUnit[];
  /** "Các cơ quan, đơn vị, địa phương" and the like: the task concerns every agency. */
  allAgencies: boolean;
  /** Whether every agency leads (the phrase came first) or coordinates; null when not all. */
  allAgenciesRole: UnitRole | null;
}

const EVERYONE_WORDS = ["cơ quan", "đơn vị", "địa phương", "khối thi đua", "cụm thi đua"];
const EVERYONE_FILLERS = /(?<!\p{L})(các|tất cả|toàn bộ|mọi|trong tỉnh|của tỉnh|trên địa bàn tỉnh|trên địa bàn|tỉnh)(?!\p{L})/gu;

/** True for phrases meaning every agency: "Các cơ quan, đơn vị địa phương", "Các khối thi đua của tỉnh". */
export function meansEveryAgency(name: string): boolean {
  const lower = name.toLocaleLowerCase("vi");
  if (!/^(tất cả |toàn bộ |mọi )?các /.test(lower)) return false;
  let rest = lower.replace(EVERYONE_FILLERS, " ");
  let matched = false;
  for (const word of EVERYONE_WORDS) {
    if (rest.includes(word)) {
      rest = rest.split(word).join(" ");
      matched = true;
    }
  }
  return matched && rest.replace(/[\s,;.]+/g, "") === "";
}

export function cleanUnitName(raw: string): string {
  return collapseSpaces(raw)
    .replace(/^[-–•+*\s]+/, "")
    .replace(/[\s.;,:]+$/, "");
}

/** "Sở Nội vụ. Sở Tài chính": a full stop between names, but not after abbreviations ("TT. Tỉnh ủy"). */
function splitSentences(piece: string): string[] {
  return piece.split(/(?<=[\p{Ll}]{2}|[\p{L}]{3})\.\s+(?=\p{Lu})/u);
}

export function parseUnits(cellText: string): ParsedUnits {
  const { lead, items } = splitBullets(cellText);
  const names = [lead, ...items]
    .flatMap((piece) => piece.split(";"))
    .flatMap(splitSentences)
    .map(cleanUnitName)
    .filter((name) => name.length > 0);

  const units: PlanUnit[] = [];
  const seen = new Set<string>();
  let allAgencies = false;
  let allAgenciesRole: UnitRole | null = null;
  names.forEach((name, position) => {
    const role: UnitRole = position === 0 ? "lead" : "coordinating";
    if (meansEveryAgency(name)) {
      if (!allAgencies) allAgenciesRole = role;
      allAgencies = true;
      return;
    }
    const key = name.toLocaleLowerCase("vi");
    if (seen.has(key)) return;
    seen.add(key);
    units.push({ name, role });
  });
  return { units, allAgencies, allAgenciesRole };
}
