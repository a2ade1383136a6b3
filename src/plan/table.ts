/**
 * Finds the task table of a converted plan (tab-separated cells, one row a line, with rows
 * that may wrap onto several lines) and returns its rows as cells by meaning.
 */
export interface TableRow {
  /** The TT cell as written ("1", "11"), empty on rows continued from a page break. */
  number: string;
  content: string;
  /** Lead and coordinating units; plans with separate columns give both. */
  units: string;
  coordinating: string | null;
  time: string;
  /** 1-based line of the converted text where the row starts, for messages. */
  line: number;
}

interface ColumnMap {
  number: number;
  content: number;
  units: number;
  coordinating: number | null;
  time: number;
  count: number;
}

function mapColumns(headerCells: string[]): ColumnMap | null {
  const lower = headerCells.map((cell) => cell.trim().toLocaleLowerCase("vi"));
  const find = (test: (cell: string) => boolean) => lower.findIndex(test);
  const number = find((cell) => /^(s?tt|số tt|stt)$/.test(cell));
  const content = find((cell) => /nội dung|nhiệm vụ|công việc/.test(cell));
  const time = find((cell) => /thời gian|tiến độ|thời hạn/.test(cell));
  const lead = find((cell) => /chủ trì|đơn vị|cơ quan|thực hiện/.test(cell) && !/thời gian|nội dung/.test(cell));
  if (number < 0 || content < 0 || lead < 0) return null;
  const coordinating = lower.findIndex((cell, i) => i !== lead && /^(đơn vị |cơ quan )?phối hợp/.test(cell));
  return {
    number,
    content,
    units: lead,
    coordinating: coordinating >= 0 ? coordinating : null,
    time,
    count: headerCells.length,
  };
}

const SECTION_HEADING = /^\s*([IVX]+|[A-Z])\.\s+\S/u;

export function readTable(text: string): TableRow[] {
  const lines = text.split("\n");
  let headerIndex = -1;
  let columns: ColumnMap | null = null;
  for (const [index, line] of lines.entries()) {
    if (!line.includes("\t")) continue;
    columns = mapColumns(line.split("\t"));
    if (columns) {
      headerIndex = index;
      break;
    }
  }
  if (!columns) return [];

  const rows: TableRow[] = [];
  let pending: string[] = [];
  // Tabs in the pending lines, counted as they come: a row wrapped over many lines is read once.
  let pendingTabs = 0;
  let pendingLine = 0;
  const separators = columns.count - 1;
  const flush = () => {
    const cells = pending.join("\n").split("\t");
    pending = [];
    pendingTabs = 0;
    const cell = (index: number | null) => (index === null || index < 0 ? "" : (cells[index] ?? ""));
    if (cells.every((value) => value.trim() === "")) return;
    rows.push({
      number: cell(columns.number).trim().replace(/\.$/, ""),
      content: cell(columns.content),
      units: cell(columns.units),
      coordinating: columns.coordinating === null ? null : cell(columns.coordinating),
      time: cell(columns.time),
      line: pendingLine,
    });
  };

  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = lines[index]!;
    // A numbered row while the previous one is short of cells: the previous row simply lacked its last cells.
    if (pending.length > 0 && /^\s*\d+\.?\t/.test(line) && pendingTabs > 0) flush();
    if (pending.length === 0) {
      if (line.trim() === "") continue;
      // Prose after the table ends it; a wrapped row always starts with its TT cell.
      if (!line.includes("\t") && (SECTION_HEADING.test(line) || !/^\s*\d*\.?\s*$/.test(line))) break;
      pendingLine = index + 1;
    }
    pending.push(line);
    pendingTabs += line.split("\t").length - 1;
    if (pendingTabs >= separators) flush();
  }
  if (pending.length > 0) flush();
  return rows;
}
