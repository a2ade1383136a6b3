import { z } from "zod";
import { readCsvTable, type CsvResult } from "../csv-table.ts";
import { readLocalDate } from "../time/local-dates.ts";
import { cleanName, type TextProblem } from "../text/clean-text.ts";
import { AGENCY_KINDS, type AgencyKind } from "./agency-kinds.ts";

/**
 * The agency directory as a CSV a secretariat can keep in a spreadsheet:
 * code,name,kind,bloc_code,bloc_name,aliases (aliases separated by "|"), and optionally
 * valid_from, valid_until (YYYY-MM-DD or DD/MM/YYYY) and successor (the code of the agency it
 * was merged into): a row with a successor is merged into it, a row that ends without one is
 * retired.
 */
export interface AgencyRow {
  code: string;
  name: string;
  kind: AgencyKind;
  bloc: { code: string; name: string } | null;
  aliases: string[];
  validFrom: string | null;
  validUntil: string | null;
  successor: string | null;
}

const optionalDate = z
  .string()
  .default("")
  .transform((value, context) => {
    if (!value.trim()) return null;
    const date = readLocalDate(value);
    if (!date) context.addIssue({ code: "custom", message: "a date such as 2025-06-30 or 30/06/2025" });
    return date;
  });

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/;

const REFUSED: Record<TextProblem, string> = {
  control: "holds control characters or a line break",
  bidi: "holds characters that turn the direction of the text (U+202A–U+202E, U+2066–U+2069)",
  invisible: "shows nothing (only zero-width characters)",
};

/** A name as the secretariat reads it: cleaned, or refused with why; empty stays empty. */
const cleanedName = z.string().transform((value, context) => {
  if (!value.trim()) return "";
  const cleaned = cleanName(value);
  if (cleaned.ok) return cleaned.text;
  context.addIssue({ code: "custom", message: REFUSED[cleaned.problem] });
  return z.NEVER;
});

const rowSchema = z
  .object({
    code: z.string().transform((code) => code.toUpperCase()).pipe(z.string().regex(CODE, "letters A–Z, digits, - and _")),
    name: z.string().min(1, "required").pipe(cleanedName),
    kind: z.enum(AGENCY_KINDS, { message: `one of ${AGENCY_KINDS.join(", ")}` }),
    bloc_code: z.string().default(""),
    bloc_name: z.string().default("").pipe(cleanedName),
    aliases: z
      .string()
      .default("")
      .transform((value) => value.split("|").filter((alias) => alias.trim()))
      .pipe(z.array(cleanedName)),
    valid_from: optionalDate,
    valid_until: optionalDate,
    successor: z
      .string()
      .default("")
      .transform((code) => code.trim().toUpperCase())
      .pipe(z.string().regex(/^([A-Z0-9][A-Z0-9_-]*)?$/, "the code of the agency it was merged into")),
  })
  .transform(
    (row): AgencyRow => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      bloc: row.bloc_code ? { code: row.bloc_code.toUpperCase(), name: row.bloc_name || row.bloc_code } : null,
      aliases: row.aliases,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      successor: row.successor || null,
    }),
  );

export function readAgencyCsv(text: string): CsvResult<AgencyRow> {
  const result = readCsvTable(text, rowSchema, ["code", "name", "kind"]);
  if (!("rows" in result)) return result;
  if (result.rows.length === 0) return { problems: [{ line: 1, column: "", message: "no agency in the file (a header row, then one agency a line)" }] };
  const seen = new Map<string, number>();
  for (const [index, row] of result.rows.entries()) {
    if (seen.has(row.code)) return { problems: [{ line: index + 2, column: "code", message: `${row.code} repeats line ${seen.get(row.code)}` }] };
    seen.set(row.code, index + 2);
  }
  for (const [index, row] of result.rows.entries()) {
    if (row.successor && !seen.has(row.successor)) return { problems: [{ line: index + 2, column: "successor", message: `${row.successor} is not a code in this file` }] };
    if (row.successor === row.code) return { problems: [{ line: index + 2, column: "successor", message: "an agency cannot be merged into itself" }] };
  }
  return result;
}
