import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Translate } from "../i18n.ts";
import type { ExportData } from "../services/export-data.ts";
import { wallClock } from "../time/calendar.ts";

/**
 * The .xlsx the secretariat pastes into its report to the People's Committee: progress,
 * nominations, silent agencies. Vietnamese headers, frozen header row, filters, sensible
 * widths, dates as dates and numbers as numbers. Written as a stream, row by row: a province's
 * month is thousands of rows, and nothing of the workbook needs to stay in memory.
 */
interface Column {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], rows: Iterable<Record<string, unknown>>): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map(({ header, key, width, numFmt }) => ({ header, key, width, ...(numFmt ? { style: { numFmt } } : {}) }));
  const heading = sheet.getRow(1);
  heading.font = { bold: true };
  heading.alignment = { vertical: "middle", wrapText: true };
  heading.commit();
  let count = 0;
  for (const row of rows) {
    sheet.addRow(row).commit();
    count++;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: columns.length } };
  sheet.commit();
}

/** Rows mapped one at a time, as the sheet takes them. */
function* mapped<T>(items: T[], map: (item: T) => Record<string, unknown>): Iterable<Record<string, unknown>> {
  for (const item of items) yield map(item);
}

const DATE_TIME = "dd/mm/yyyy hh:mm";

export async function writeExcelReport(data: ExportData, t: Translate, timeZone: string, output: Writable): Promise<void> {
  const local = (date: Date | null) => (date ? wallClock(date, timeZone) : null);
  // A few words repeated on every row (a role, an answer): translated once each, not 100,000 times.
  const words = new Map<string, string>();
  const word = (key: string) => words.get(key) ?? words.set(key, t(key)).get(key)!;
  // Loaded on the first workbook, not at the bot's start (some 25 MB).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "dondoc";
  workbook.created = new Date();

  addSheet(
    workbook,
    t("xlsx-sheet-progress"),
    [
      { header: t("xlsx-row"), key: "row", width: 6 },
      { header: t("xlsx-milestone"), key: "milestone", width: 60 },
      { header: t("xlsx-agency-code"), key: "agencyCode", width: 12 },
      { header: t("xlsx-agency"), key: "agency", width: 36 },
      { header: t("xlsx-bloc"), key: "bloc", width: 30 },
      { header: t("xlsx-role"), key: "role", width: 12 },
      { header: t("xlsx-status"), key: "status", width: 18 },
      { header: t("xlsx-percent"), key: "percent", width: 10, numFmt: "0" },
      { header: t("xlsx-reported-at"), key: "reportedAt", width: 18, numFmt: DATE_TIME },
      { header: t("xlsx-note"), key: "note", width: 50 },
    ],
    mapped(data.progress, (row) => ({
      row: row.row ?? "",
      milestone: row.milestone,
      agencyCode: row.agencyCode,
      agency: row.agency,
      bloc: row.bloc,
      role: word(`role-${row.role}`),
      status: word(`status-${row.answer}`),
      percent: row.percent,
      reportedAt: local(row.reportedAt),
      note: row.note,
    })),
  );

  addSheet(
    workbook,
    t("xlsx-sheet-nominations"),
    [
      { header: t("xlsx-round"), key: "round", width: 8, numFmt: "0" },
      { header: t("xlsx-round-title"), key: "roundTitle", width: 40 },
      { header: t("xlsx-agency-code"), key: "agencyCode", width: 12 },
      { header: t("xlsx-agency"), key: "agency", width: 36 },
      { header: t("xlsx-award"), key: "award", width: 40 },
      { header: t("xlsx-collective"), key: "collective", width: 10, numFmt: "0" },
      { header: t("xlsx-individual"), key: "individual", width: 10, numFmt: "0" },
      { header: t("xlsx-submitted-at"), key: "submittedAt", width: 18, numFmt: DATE_TIME },
      { header: t("xlsx-version"), key: "version", width: 8, numFmt: "0" },
      { header: t("xlsx-round-kind"), key: "kind", width: 24 },
    ],
    mapped(data.nominations, (row) => ({ ...row, submittedAt: local(row.submittedAt), kind: word(`round-kind-${row.kind}`) })),
  );

  addSheet(
    workbook,
    t("xlsx-sheet-silent"),
    [
      { header: t("xlsx-agency-code"), key: "agencyCode", width: 12 },
      { header: t("xlsx-agency"), key: "agency", width: 36 },
      { header: t("xlsx-bloc"), key: "bloc", width: 30 },
      { header: t("xlsx-reporting-state"), key: "state", width: 20 },
      { header: t("xlsx-owed"), key: "owed", width: 14, numFmt: "0" },
      { header: t("xlsx-missing"), key: "missing", width: 14, numFmt: "0" },
      { header: t("xlsx-focal-officer"), key: "officer", width: 16 },
    ],
    mapped(data.silent, (row) => ({ ...row, state: word(`figures-state-${row.state}`), officer: word(row.hasFocalOfficer ? "xlsx-yes" : "xlsx-no") })),
  );

  // The year's registrations set against its nominations, per agency, award and scope.
  addSheet(
    workbook,
    t("xlsx-sheet-registrations"),
    [
      { header: t("xlsx-agency-code"), key: "agencyCode", width: 12 },
      { header: t("xlsx-agency"), key: "agency", width: 36 },
      { header: t("xlsx-award"), key: "award", width: 40 },
      { header: t("xlsx-scope"), key: "scope", width: 10 },
      { header: t("xlsx-registered"), key: "registered", width: 12, numFmt: "0" },
      { header: t("xlsx-proposed"), key: "proposed", width: 12, numFmt: "0" },
      { header: t("xlsx-match-state"), key: "state", width: 30 },
    ],
    mapped(data.registrations, (row) => ({ ...row, scope: word(`xlsx-${row.scope}`), state: word(`doc-match-${row.state}`) })),
  );

  await workbook.commit();
}
