import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { AGENCY_KINDS } from "../../src/agencies/agency-kinds.ts";
import { readAwardCsv } from "../../src/awards/award-csv.ts";
import { DocumentProblem } from "../../src/documents/document-limits.ts";
import { piece, plannish, refusedOrRead } from "./fuzz-support.ts";

/** A CSV field as spreadsheets write them, and as a hostile file might: quotes, commas, newlines, comments. */
const field = fc.oneof(
  plannish(3),
  fc.constantFrom("SNV", "snv", "X-1", "_X", "department", "commune", "ministry", "title", "collective", "province", "2025-06-30", "30/06/2025", "31/02/2025", "12", "1.5", "-3", ""),
  plannish(3).map((text) => `"${text.replaceAll('"', '""')}"`),
  piece.map((text) => `"${text}`),
);
const csv = (columns: string[]) =>
  fc
    .tuple(fc.shuffledSubarray(columns, { minLength: 1 }), fc.array(fc.array(field, { maxLength: columns.length + 2 }), { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
    .map(([header, rows, newline, bom]) => `${bom ? "\ufeff" : ""}${[header.join(","), ...rows.map((row) => row.join(","))].join(newline)}`);

const AGENCY_COLUMNS = ["code", "name", "kind", "bloc_code", "bloc_name", "aliases", "valid_from", "valid_until", "successor", "extra"];
const AWARD_COLUMNS = ["code", "name", "category", "scope", "level", "legal_basis", "order", "extra"];

describe("the directory and catalogue readers, fed any CSV", () => {
  it("read agencies into valid rows, or problems by line, or one sentence, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv(AGENCY_COLUMNS), plannish(40)), async (text) => {
        const result = await refusedOrRead(() => readAgencyCsv(text));
        if (result instanceof DocumentProblem) return;
        if ("problems" in result) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(Number.isInteger(problem.line) && problem.line >= 0).toBe(true);
          return;
        }
        const codes = new Set(result.rows.map((row) => row.code));
        expect(codes.size).toBe(result.rows.length);
        for (const row of result.rows) {
          expect(row.code).toMatch(/^[A-Z0-9][A-Z0-9_-]*$/);
          expect(AGENCY_KINDS).toContain(row.kind);
          expect(row.name).not.toBe("");
          for (const alias of row.aliases) expect(alias.trim()).toBe(alias);
          if (row.successor) expect(codes.has(row.successor) && row.successor !== row.code).toBe(true);
          for (const date of [row.validFrom, row.validUntil]) expect(date === null || /^\d{4}-\d{2}-\d{2}$/.test(date)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("read award types into valid rows, or problems by line, or one sentence, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv(AWARD_COLUMNS), plannish(40)), async (text) => {
        const result = await refusedOrRead(() => readAwardCsv(text));
        if (result instanceof DocumentProblem || "problems" in result) return;
        for (const row of result.rows) {
          expect(row.code).toMatch(/^[A-Z0-9][A-Z0-9_-]*$/);
          expect(Number.isInteger(row.order)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
