import { z } from "zod";
import { readCsvTable, type CsvResult } from "../csv-table.ts";
import { AGENCY_KINDS, type AgencyKind } from "./agency-kinds.ts";

/**
 * The agency directory as a CSV a secretariat can keep in a spreadsheet:
 * code,name,kind,bloc_code,bloc_name,aliases (aliases separated by "|").
 */
export interface AgencyRow {
  code: string;
  name: string;
  kind: AgencyKind;
  bloc: { code: string; name: string } | null;
  aliases: string[];
}

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/;

const rowSchema = z
  .object({
    code: z.string().transform((code) => code.toUpperCase()).pipe(z.string().regex(CODE, "letters A–Z, digits, - and _")),
    name: z.string().min(1, "required"),
    kind: z.enum(AGENCY_KINDS, { message: `one of ${AGENCY_KINDS.join(", ")}` }),
    bloc_code: z.string().default(""),
    bloc_name: z.string().default(""),
    aliases: z.string().default(""),
  })
  .transform(
    (row): AgencyRow => ({
      code: row.code,
      name: row.name.normalize("NFC"),
      kind: row.kind,
      bloc: row.bloc_code ? { code: row.bloc_code.toUpperCase(), name: (row.bloc_name || row.bloc_code).normalize("NFC") } : null,
      aliases: row.aliases
        .split("|")
        .map((alias) => alias.trim().normalize("NFC"))
        .filter(Boolean),
    }),
  );

export function readAgencyCsv(text: string): CsvResult<AgencyRow> {
  const result = readCsvTable(text, rowSchema, ["code", "name", "kind"]);
  if (!("rows" in result)) return result;
  const seen = new Map<string, number>();
  for (const [index, row] of result.rows.entries()) {
    if (seen.has(row.code)) return { problems: [{ line: index + 2, column: "code", message: `${row.code} repeats line ${seen.get(row.code)}` }] };
    seen.set(row.code, index + 2);
  }
  return result;
}
