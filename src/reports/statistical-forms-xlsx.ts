import type ExcelJS from "exceljs";
import type { Translate } from "../i18n.ts";
import type { FilledForm, FormCell } from "./statistical-forms.ts";

/**
 * The statistical forms as a workbook, one sheet a form, laid out as the form prints: its code
 * and issuing circular, who reports to whom, its title and year, then the table with "Mã số",
 * "Đơn vị tính", "Tổng số" and the form's columns. The cells dondoc knows hold numbers, totals are
 * SUM formulas, and every cell left for the secretariat is shaded and counted in a notes sheet.
 */
export interface FormsHeader {
  year: number;
  /** Đơn vị báo cáo, as the report's issuing body. */
  reporter: string;
  /** The rounds the counts come from: "Đợt 2: Khen thưởng tổng kết năm 2026". */
  rounds: string[];
}

const TO_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const FIRST_VALUE_COLUMN = 4;

function writeForm(workbook: ExcelJS.Workbook, filled: FilledForm, header: FormsHeader, t: Translate): number {
  const { form, cells } = filled;
  const sheet = workbook.addWorksheet(form.sheet, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const lastColumn = FIRST_VALUE_COLUMN + form.columns.length;
  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 7;
  sheet.getColumn(3).width = 11;
  for (let column = FIRST_VALUE_COLUMN; column <= lastColumn; column++) sheet.getColumn(column).width = 13;

  const put = (row: number, column: number, value: string, style: Partial<ExcelJS.Style> = {}) => Object.assign(sheet.getCell(row, column), { value, style: { font: { name: "Times New Roman", size: 12, ...style.font }, alignment: { wrapText: true, vertical: "middle", ...style.alignment }, ...(style.border ? { border: style.border } : {}), ...(style.fill ? { fill: style.fill } : {}) } });
  const half = Math.max(FIRST_VALUE_COLUMN, Math.ceil(lastColumn / 2) + 1);
  put(1, 1, t("forms-code", { code: form.code }), { font: { bold: true } });
  put(2, 1, t("forms-circular"), { font: { italic: true } });
  put(3, 1, t("forms-due"));
  put(1, half, t("forms-reporter", { reporter: header.reporter }));
  put(2, half, t("forms-receiver"));
  sheet.mergeCells(5, 1, 5, lastColumn);
  put(5, 1, form.title, { font: { bold: true, size: 14 }, alignment: { horizontal: "center" } });
  sheet.mergeCells(6, 1, 6, lastColumn);
  put(6, 1, t("forms-year", { year: String(header.year) }), { font: { italic: true }, alignment: { horizontal: "center" } });
  sheet.mergeCells(7, 1, 7, lastColumn);
  put(7, 1, t("forms-legend"), { font: { italic: true, size: 11 } });

  // Headings: the groups over their columns, each column's own label, then the columns' numbers.
  const top = 9;
  const headingStyle = { font: { bold: true }, alignment: { horizontal: "center" as const }, border: THIN };
  for (const [column, label] of [[1, ""], [2, t("forms-column-code")], [3, t("forms-column-unit")], [FIRST_VALUE_COLUMN, t("forms-column-total")]] as const) {
    sheet.mergeCells(top, column, top + 1, column);
    put(top, column, label, headingStyle);
  }
  form.columns.forEach((column, index) => {
    const at = FIRST_VALUE_COLUMN + 1 + index;
    const previous = form.columns[index - 1];
    if (previous?.group !== column.group) {
      const span = form.columns.slice(index).findIndex((other) => other.group !== column.group);
      const end = at + (span < 0 ? form.columns.length - index : span) - 1;
      if (end > at) sheet.mergeCells(top, at, top, end);
      put(top, at, column.group, headingStyle);
    }
    put(top + 1, at, column.label, headingStyle);
  });
  const numbers = ["A", "B", "C", "1", ...form.columns.map((column) => column.number)];
  numbers.forEach((number, index) => put(top + 2, index + 1, number, headingStyle));

  // The rows.
  let row = top + 3;
  let toFill = 0;
  const rowOf = new Map<string, number>();
  form.rows.forEach((entry, index) => {
    if (entry.code) rowOf.set(entry.code, top + 3 + index);
  });
  const address = (rowNumber: number, column: number) => sheet.getCell(rowNumber, column).address;
  const columnOf = (key: string) => FIRST_VALUE_COLUMN + 1 + form.columns.findIndex((column) => column.key === key);
  for (const entry of form.rows) {
    put(row, 1, entry.label, { font: { bold: entry.heading || entry.code === "01" }, border: THIN });
    put(row, 2, entry.code, { alignment: { horizontal: "center" }, border: THIN });
    put(row, 3, entry.unit, { alignment: { horizontal: "center" }, border: THIN });
    const line = cells.get(entry.code);
    const keys = ["total", ...form.columns.map((column) => column.key)];
    keys.forEach((key, index) => {
      const cell = sheet.getCell(row, FIRST_VALUE_COLUMN + index);
      cell.border = THIN;
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.font = { name: "Times New Roman", size: 12, bold: entry.code === "01" };
      const content: FormCell | undefined = entry.heading ? undefined : line?.get(key);
      if (!content) return;
      if (content.kind === "value") cell.value = content.value;
      else if (content.kind === "sum") {
        const terms = content.rows ? content.rows.map((code) => address(rowOf.get(code)!, FIRST_VALUE_COLUMN + index)) : content.columns!.map((column) => address(row, columnOf(column)));
        cell.value = { formula: terms.join("+"), result: content.value };
      } else {
        cell.fill = TO_FILL;
        toFill++;
      }
    });
    row++;
  }

  row += 1;
  put(row, half, t("forms-date"), { font: { italic: true }, alignment: { horizontal: "center" } });
  put(row + 1, 1, t("forms-preparer"), { font: { bold: true }, alignment: { horizontal: "center" } });
  put(row + 1, half, t("forms-head"), { font: { bold: true }, alignment: { horizontal: "center" } });
  put(row + 2, 1, t("forms-preparer-sign"), { font: { italic: true }, alignment: { horizontal: "center" } });
  put(row + 2, half, t("forms-head-sign"), { font: { italic: true }, alignment: { horizontal: "center" } });
  return toFill;
}

/** The workbook's bytes: the forms, then a sheet saying what was filled from what. */
export async function statisticalFormsXlsx(forms: FilledForm[], header: FormsHeader, t: Translate): Promise<Buffer> {
  // Loaded on the first workbook, not at the bot's start (some 25 MB).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  workbook.creator = "dondoc";
  const left = forms.map((filled) => ({ form: filled.form, toFill: writeForm(workbook, filled, header, t) }));
  const notes = workbook.addWorksheet(t("forms-notes-sheet"));
  notes.getColumn(1).width = 120;
  const lines = [
    t("forms-notes-source", { year: String(header.year) }),
    ...header.rounds.map((round) => `• ${round}`),
    ...(header.rounds.length === 0 ? [t("forms-notes-no-rounds", { year: String(header.year) })] : []),
    "",
    ...forms.map((filled) =>
      t("forms-notes-columns", {
        form: filled.form.code,
        columns: filled.form.columns.filter((column) => column.awards).map((column) => `${column.group}${column.scope ? ` (${column.label.toLowerCase()})` : ""}`).filter((name, index, all) => all.indexOf(name) === index).join("; "),
      }),
    ),
    ...left.map(({ form, toFill }) => t("forms-notes-to-fill", { form: form.code, count: toFill })),
    "",
    t("forms-notes-proposals"),
    t("forms-notes-period"),
    t("forms-notes-other-forms"),
    t("forms-notes-circular"),
  ];
  lines.forEach((text, index) => Object.assign(notes.getCell(index + 1, 1), { value: text, alignment: { wrapText: true, vertical: "top" } }));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
