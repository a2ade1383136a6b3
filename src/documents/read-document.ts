import type { AgencyRow } from "../agencies/agency-csv.ts";
import type { AwardRow } from "../awards/award-csv.ts";
import type { CsvResult } from "../csv-table.ts";
import type { PlanDocument } from "../plan/read-plan-document.ts";
import { DOCUMENT_LIMITS, DocumentProblem, megabytes, type ProblemParams } from "./document-limits.ts";

/**
 * Every kind of document a person hands dondoc, read the same way from the chat and the command
 * line: a plan (.txt, .docx, .json), the agency directory or the award catalogue (.csv). This
 * is the work done in the reader process (document-reader-process.ts); it checks the limits
 * before the expensive steps and turns a refused file into one sentence's key.
 */
export interface DocumentResults {
  plan: Extract<PlanDocument, { ok: true }>;
  "agency-csv": CsvResult<AgencyRow>;
  "award-csv": CsvResult<AwardRow>;
}

export type DocumentKind = keyof DocumentResults;

export interface DocumentRequest<K extends DocumentKind = DocumentKind> {
  kind: K;
  fileName: string;
  bytes: Uint8Array;
}

export type DocumentRefusal = { ok: false; problem: string; params: ProblemParams };
export type DocumentReading<K extends DocumentKind> = { ok: true; value: DocumentResults[K] } | DocumentRefusal;

export const documentRefusal = (problem: string, params: ProblemParams = {}): DocumentRefusal => ({ ok: false, problem, params });

/** The largest file of each kind dondoc downloads or opens. */
export const maxBytesOf = (kind: DocumentKind) => (kind === "plan" ? DOCUMENT_LIMITS.planBytes : DOCUMENT_LIMITS.csvBytes);

function csvText(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  if (text.includes("\u0000")) throw new DocumentProblem("document-not-csv");
  return text;
}

// Each reader loads only what its kind needs: the reader process starts for one document.
const readers: { [K in DocumentKind]: (fileName: string, bytes: Buffer) => Promise<DocumentResults[K]> } = {
  plan: async (fileName, bytes) => {
    const { readPlanDocument } = await import("../plan/read-plan-document.ts");
    const read = await readPlanDocument(fileName, bytes);
    if (!read.ok) throw new DocumentProblem(read.problem, read.params);
    return read;
  },
  "agency-csv": async (_fileName, bytes) => (await import("../agencies/agency-csv.ts")).readAgencyCsv(csvText(bytes)),
  "award-csv": async (_fileName, bytes) => (await import("../awards/award-csv.ts")).readAwardCsv(csvText(bytes)),
};

export async function readDocument<K extends DocumentKind>(request: DocumentRequest<K>): Promise<DocumentReading<K>> {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const max = maxBytesOf(request.kind);
  if (bytes.length > max) return documentRefusal("document-too-large", { max: megabytes(max) });
  try {
    return { ok: true, value: await readers[request.kind](request.fileName, bytes) };
  } catch (error) {
    if (error instanceof DocumentProblem) return documentRefusal(error.key, error.params);
    throw error;
  }
}
