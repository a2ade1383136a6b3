import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { DOCUMENT_LIMITS, DocumentProblem } from "./documents/document-limits.ts";

/**
 * Reads a CSV file with a header row into validated records. Problems come back by line and
 * column so a person can open the file and fix exactly that cell; nothing is half-read.
 * A file past the limits (rows, columns, one record's length) is refused as a whole with a
 * DocumentProblem, after reading at most one row more than allowed.
 */
export interface CsvProblem {
  line: number;
  column: string;
  message: string;
}

export type CsvResult<T> = { rows: T[] } | { problems: CsvProblem[] };

class MissingColumns extends Error {}

export function readCsvTable<T>(text: string, rowSchema: z.ZodType<T>, requiredColumns: string[]): CsvResult<T> {
  const limits = DOCUMENT_LIMITS;
  let records: Record<string, string>[];
  let missing: string[] = [];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      // The header is checked before any row is read: prose or another table stops here.
      columns: (header: string[]) => {
        if (header.length > limits.csvColumns) throw new DocumentProblem("document-csv-too-wide", { max: limits.csvColumns });
        missing = requiredColumns.filter((column) => !header.includes(column));
        if (missing.length > 0) throw new MissingColumns();
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      comment: "#",
      comment_no_infix: true,
      max_record_size: limits.csvRecordCharacters,
      to: limits.csvRows + 1,
    });
  } catch (error) {
    if (error instanceof MissingColumns) return { problems: missing.map((column) => ({ line: 1, column, message: "missing column" })) };
    if (error instanceof DocumentProblem) throw error;
    if ((error as { code?: string }).code === "CSV_MAX_RECORD_SIZE") throw new DocumentProblem("document-csv-record-too-long", { max: limits.csvRecordCharacters });
    const line = (error as { lines?: number }).lines ?? 0;
    return { problems: [{ line, column: "", message: (error as Error).message }] };
  }
  if (records.length > limits.csvRows) throw new DocumentProblem("document-csv-too-many-rows", { max: limits.csvRows });
  const rows: T[] = [];
  const problems: CsvProblem[] = [];
  records.forEach((record, index) => {
    const result = rowSchema.safeParse(record);
    if (result.success) rows.push(result.data);
    // +2: the header is line 1, and lines count from 1.
    else for (const issue of result.error.issues) problems.push({ line: index + 2, column: issue.path.join("."), message: issue.message });
  });
  return problems.length > 0 ? { problems } : { rows };
}
