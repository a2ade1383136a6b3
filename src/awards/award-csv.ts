import { z } from "zod";
import { readCsvTable, type CsvResult } from "../csv-table.ts";

/** The award catalogue as CSV: code,name,category,scope,level,legal_basis,order. */
export interface AwardRow {
  code: string;
  name: string;
  category: "title" | "commendation";
  scope: "collective" | "individual" | "both";
  level: "state" | "government" | "province" | "grassroots";
  legalBasis: string;
  order: number;
}

const rowSchema = z
  .object({
    code: z.string().transform((code) => code.toUpperCase()).pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/, "letters A–Z, digits, - and _")),
    name: z.string().min(1, "required"),
    category: z.enum(["title", "commendation"]),
    scope: z.enum(["collective", "individual", "both"]),
    level: z.enum(["state", "government", "province", "grassroots"]),
    legal_basis: z.string().default(""),
    order: z.coerce.number().int().default(0),
  })
  .transform(
    (row): AwardRow => ({
      code: row.code,
      name: row.name.normalize("NFC"),
      category: row.category,
      scope: row.scope,
      level: row.level,
      legalBasis: row.legal_basis.normalize("NFC"),
      order: row.order,
    }),
  );

export function readAwardCsv(text: string): CsvResult<AwardRow> {
  return readCsvTable(text, rowSchema, ["code", "name", "category", "scope", "level"]);
}
