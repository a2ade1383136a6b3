import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DocumentProblem } from "../../src/documents/document-limits.ts";
import { repoPath } from "../support/sample-files.ts";

/**
 * What every fuzz suite here shares: the sentences a refusal may name, and pieces of the text
 * officials and strangers actually type, mixed with arbitrary Unicode. Each property runs a fixed
 * number of times on small inputs, so the suite stays quick; a failure prints its seed.
 */
const keysOf = (locale: string) =>
  new Set(
    readFileSync(repoPath(`locales/${locale}.ftl`), "utf8")
      .split("\n")
      .map((line) => /^([a-z][a-z0-9-]*)\s*=/.exec(line)?.[1])
      .filter((key): key is string => key !== undefined),
  );
const vi = keysOf("vi");
const en = keysOf("en");

/** True when a refusal's key is a sentence both languages have. */
export const isSentence = (key: string) => vi.has(key) && en.has(key);

/** Runs `read`; a DocumentProblem must name a sentence, any other exception fails the property. */
export async function refusedOrRead<T>(read: () => T | Promise<T>): Promise<T | DocumentProblem> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DocumentProblem && isSentence(error.key)) return error;
    throw error;
  }
}

/** Pieces of plans, directories and answers, with the characters that trip readers up. */
export const PIECES = [
  "TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2018",
  "Số: 69/KH-UBND", "Lai Châu, ngày 11 tháng 01 năm 2018", "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "I. ", "II.", "1", "2.", "11", "0", "99999",
  "- ", " - ", "–", "•", "“", "”", '"', "'", "«", "»", "Tháng", "tháng 02, 03", "Tháng 6 - 7", "Từ tháng 3 đến tháng 5", "Quý II, III", "quý iv",
  "6 tháng đầu năm", "Thường xuyên trong năm", "Hằng quý", "Trước ngày 15/11/2024", "31/02/2018", "trong 5 ngày làm việc", "Sở Nội vụ",
  "Ban TĐKT, Sở Nội vụ", "Các cơ quan, đơn vị, địa phương", "Các sở, ban, ngành", "UBND các xã, phường", "thi đua - khen thưởng", "kinh tế - xã hội",
  "<li>", "</li>", "<p>", "<br>", "<ul>", "&amp;", "&nbsp;", "&#x1F600;", "&#99999999;", "&#x110000;", "&bogus;",
  "\t", "\n", "\r\n", "\r", " ", "\u00a0", "\u2063", "\u200b", "\u202e", "\ufeff", "\u0000", "e\u0301", ";", ".", ",", ":", "/", "%", "#", "|",
];

export const piece = fc.constantFrom(...PIECES);

/** Text made of real pieces and arbitrary Unicode, at most `maxLength` pieces long. */
export const plannish = (maxLength: number) => fc.array(fc.oneof({ weight: 3, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) }), { maxLength }).map((parts) => parts.join(""));
