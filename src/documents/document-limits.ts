/**
 * How much of a document dondoc will read. Each limit is set from what real files need, with
 * room to spare: the Lai Châu 2018 plan is 12 KB as Word (16,000 characters, 11 table rows of
 * 4 columns, a document.xml well under 1 MB); a province has at most a few thousand agencies.
 * Anything beyond is refused before the expensive work, with one sentence saying which limit.
 */
export const DOCUMENT_LIMITS = {
  /** A plan as sent (.docx, .txt, .json): Word files with a scanned logo stay far below. */
  planBytes: 5 * 1024 * 1024,
  /** A directory or catalogue CSV: 5,000 agencies with their aliases are about 0.5 MB. */
  csvBytes: 2 * 1024 * 1024,
  /** Parts inside a .docx: Word writes about 15, a few hundred with many pictures. */
  zipEntries: 1_000,
  /** Any one part, unpacked: a picture can be as large as the file. */
  zipEntryBytes: 32 * 1024 * 1024,
  /**
   * An XML part unpacked (document.xml, styles.xml …): 8 MB holds 800 rows written as verbosely as
   * Word can (a run per word, each with its fonts), and mammoth reads it within the reader's memory.
   */
  xmlPartBytes: 8 * 1024 * 1024,
  /** All parts together, unpacked: a zip bomb stops here. */
  zipTotalBytes: 64 * 1024 * 1024,
  /** Table rows in a document, all tables together: the Lai Châu plan has 11, a large plan a few hundred. */
  tableRows: 3_000,
  /** Columns of one row, merged cells counted by what they span: plans have 4 to 6. */
  rowColumns: 40,
  /** Table cells in a document, all tables together. */
  tableCells: 30_000,
  /** XML elements inside one another: Word nests about 10 deep, 4 more per table in a cell. */
  nestingDepth: 100,
  /** Characters of text: 125 times the Lai Châu plan. */
  textCharacters: 2_000_000,
  /** Tasks in one plan (a corrected JSON may list them directly). */
  milestones: 10_000,
  /** Data rows of a CSV: more than any province's agencies or award types. */
  csvRows: 5_000,
  /** Columns of a CSV: the directory has 9. */
  csvColumns: 30,
  /** Characters in one CSV record: an agency with many aliases is a few hundred. */
  csvRecordCharacters: 20_000,
  /** Wall-clock time to read one document, the reader's start included. */
  readSeconds: 60,
  /** Memory of the process that reads documents (V8 heap). */
  readerMemoryMb: 512,
} as const;

export type DocumentLimits = typeof DOCUMENT_LIMITS;

/** Params of a translated message. */
export type ProblemParams = Record<string, string | number>;

/**
 * A document refused for what it is (too large, too many rows, not a Word file …): `key` is the
 * sentence the sender gets, in locales/*.ftl.
 */
export class DocumentProblem extends Error {
  constructor(
    readonly key: string,
    readonly params: ProblemParams = {},
  ) {
    super(key);
    this.name = "DocumentProblem";
  }
}

export const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
