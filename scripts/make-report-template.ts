import { writeFileSync } from "node:fs";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HighlightColor,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
} from "docx";
import { BODY, FONT, HEADER_COLUMNS, PAGE, SIZE, TEXT_WIDTH } from "../src/reports/official-layout.ts";

/**
 * `npm run templates:report`: builds data/templates/bao-cao-dinh-ky.docx, the periodic report's
 * default template, in the layout of Decree 30/2020/NĐ-CP (src/reports/official-layout.ts). It
 * holds the layout only: every word comes from the locales through its tags ({summary},
 * {#tasks}…{/tasks}), so a secretariat can open it in Word, restyle it, and give it back as its
 * own template (README, "The periodic report"). The rules under the issuing body, the motto and
 * the summary are drawn at render time ({@issuerRule}), measured to their text.
 */
const OUT = new URL("../data/templates/bao-cao-dinh-ky.docx", import.meta.url);
const half = (points: number) => points * 2;
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

interface Look {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: number;
  after?: number;
  before?: number;
  highlight?: boolean;
  line?: number;
}

function line(text: string, look: Look = {}): Paragraph {
  const options: IParagraphOptions = {
    alignment: look.align ?? AlignmentType.CENTER,
    spacing: { before: look.before ?? 0, after: look.after ?? 0, ...(look.line ? { line: look.line } : {}) },
    ...(look.indent ? { indent: { firstLine: look.indent } } : {}),
    children: [new TextRun({ text, font: FONT, size: half(look.size ?? SIZE.body), bold: look.bold, italics: look.italics, ...(look.highlight ? { highlight: HighlightColor.YELLOW } : {}) })],
  };
  return new Paragraph(options);
}

/** A loop or condition tag alone in its paragraph: docxtemplater's paragraph loop removes the paragraph. */
const tag = (text: string) => line(text, { align: AlignmentType.LEFT });
const raw = (name: string) => tag(`{@${name}}`);

const body = (text: string, look: Look = {}) => line(text, { align: AlignmentType.JUSTIFIED, indent: BODY.firstLine, after: BODY.after, line: BODY.line, ...look });
const heading = (text: string) => body(text, { bold: true, before: 120 });
const subheading = (text: string) => body(text, { bold: true });

function cell(children: Paragraph[], width: number, options: { borders?: boolean; vertical?: (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable] } = {}): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: options.vertical ?? VerticalAlignTable.TOP, ...(options.borders === false ? { borders: NO_BORDERS } : {}) });
}

function layoutTable(rows: TableRow[], columns: number[]): Table {
  return new Table({ rows, width: { size: columns.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: columns, layout: TableLayoutType.FIXED, borders: NO_BORDERS });
}

const { left: LEFT, right: RIGHT } = HEADER_COLUMNS;

const headerTable = layoutTable(
  [
    new TableRow({
      children: [
        cell([tag("{#issuerParent}"), line("{issuerParent}", { size: SIZE.issuer }), tag("{/issuerParent}"), line("{issuer}", { size: SIZE.issuer, bold: true }), raw("issuerRule")], LEFT, { borders: false }),
        cell([line("{nationalTitle}", { size: SIZE.nationalTitle, bold: true }), line("{motto}", { size: SIZE.motto, bold: true }), raw("mottoRule")], RIGHT, { borders: false }),
      ],
    }),
    new TableRow({
      children: [cell([line("{number}", { size: SIZE.number, before: 120 })], LEFT, { borders: false }), cell([line("{placeDate}", { size: SIZE.placeDate, italics: true, before: 120 })], RIGHT, { borders: false })],
    }),
  ],
  [LEFT, RIGHT],
);

const tableText = (text: string, bold = false, align: Look["align"] = AlignmentType.CENTER) => line(text, { size: SIZE.table, bold, align });
const gridCell = (text: string, width: number, bold = false, align: Look["align"] = AlignmentType.CENTER) => cell([tableText(text, bold, align)], width, { vertical: VerticalAlignTable.CENTER });

const MONTH_COLUMNS = [2300, 1700, 1500, 1500, TEXT_WIDTH - 7000];
const monthTable = new Table({
  width: { size: TEXT_WIDTH, type: WidthType.DXA },
  columnWidths: MONTH_COLUMNS,
  layout: TableLayoutType.FIXED,
  rows: [
    new TableRow({ tableHeader: true, children: ["{monthColumn}", "{reportedColumn}", "{partlyColumn}", "{notReportedColumn}", "{tasksColumn}"].map((text, index) => gridCell(text, MONTH_COLUMNS[index]!, true)) }),
    new TableRow({
      children: [
        gridCell("{#months}{label}", MONTH_COLUMNS[0]!, false, AlignmentType.LEFT),
        gridCell("{reported}", MONTH_COLUMNS[1]!),
        gridCell("{partly}", MONTH_COLUMNS[2]!),
        gridCell("{notReported}", MONTH_COLUMNS[3]!),
        gridCell("{tasks}{/months}", MONTH_COLUMNS[4]!),
      ],
    }),
    new TableRow({
      children: [
        gridCell("{totalLabel}", MONTH_COLUMNS[0]!, true, AlignmentType.LEFT),
        gridCell("{totalReported}", MONTH_COLUMNS[1]!, true),
        gridCell("{totalPartly}", MONTH_COLUMNS[2]!, true),
        gridCell("{totalNotReported}", MONTH_COLUMNS[3]!, true),
        gridCell("{totalTasks}", MONTH_COLUMNS[4]!, true),
      ],
    }),
  ],
});

const AWARD_COLUMNS = [TEXT_WIDTH - 4 * 1300, 1300, 1300, 1300, 1300];
const awardTable = new Table({
  width: { size: TEXT_WIDTH, type: WidthType.DXA },
  columnWidths: AWARD_COLUMNS,
  layout: TableLayoutType.FIXED,
  rows: [
    new TableRow({
      tableHeader: true,
      children: [
        new TableCell({ children: [tableText("{awardColumn}", true)], rowSpan: 2, width: { size: AWARD_COLUMNS[0]!, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER }),
        new TableCell({ children: [tableText("{registeredColumn}", true)], columnSpan: 2, width: { size: 2600, type: WidthType.DXA } }),
        new TableCell({ children: [tableText("{proposedColumn}", true)], columnSpan: 2, width: { size: 2600, type: WidthType.DXA } }),
      ],
    }),
    new TableRow({ tableHeader: true, children: ["{collectiveColumn}", "{individualColumn}", "{collectiveColumn}", "{individualColumn}"].map((text) => gridCell(text, 1300, true)) }),
    new TableRow({
      children: [
        gridCell("{#awards}{name}", AWARD_COLUMNS[0]!, false, AlignmentType.LEFT),
        gridCell("{registeredCollective}", 1300),
        gridCell("{registeredIndividual}", 1300),
        gridCell("{proposedCollective}", 1300),
        gridCell("{proposedIndividual}{/awards}", 1300),
      ],
    }),
  ],
});

const SIGN_LEFT = Math.round(TEXT_WIDTH * 0.45);
const signatureTable = layoutTable(
  [
    new TableRow({
      children: [
        cell(
          [
            line("{copiesLabel}", { size: SIZE.copiesLabel, bold: true, italics: true, align: AlignmentType.LEFT }),
            tag("{#copies}"),
            line("{.}", { size: SIZE.copies, align: AlignmentType.LEFT }),
            tag("{/copies}"),
          ],
          SIGN_LEFT,
          { borders: false },
        ),
        cell(
          [
            tag("{#signerAuthority}"),
            line("{signerAuthority}", { size: SIZE.signer, bold: true }),
            tag("{/signerAuthority}"),
            line("{signerTitle}", { size: SIZE.signer, bold: true }),
            ...Array.from({ length: 5 }, () => line("", { size: SIZE.signer })),
            line("{signerName}", { size: SIZE.signer, bold: true }),
          ],
          TEXT_WIDTH - SIGN_LEFT,
          { borders: false },
        ),
      ],
    }),
  ],
  [SIGN_LEFT, TEXT_WIDTH - SIGN_LEFT],
);

const loop = (name: string, paragraphs: Paragraph[]) => [tag(`{#${name}}`), ...paragraphs, tag(`{/${name}}`)];

const document = new Document({
  creator: "dondoc",
  title: "Báo cáo định kỳ",
  styles: { default: { document: { run: { font: FONT, size: half(SIZE.body) } } } },
  sections: [
    {
      properties: {
        titlePage: true,
        page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 567, footer: 567 } },
      },
      headers: {
        first: new Header({ children: [new Paragraph("")] }),
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: half(SIZE.pageNumber) })] })] }),
      },
      children: [
        headerTable,
        line("", { size: SIZE.body }),
        line("{docType}", { size: SIZE.docType, bold: true }),
        line("{summary}", { size: SIZE.summary, bold: true }),
        raw("summaryRule"),
        line("", { size: SIZE.body }),
        ...loop("recipientLine", [line("{recipientLine}", { size: SIZE.body, after: BODY.after })]),
        ...loop("intro", [body("{.}")]),

        heading("{sectionTasks}"),
        subheading("{reportingHeading}"),
        body("{reportingLead}"),
        monthTable,
        ...loop("monthsNote", [body("{.}", { italics: true, size: SIZE.table })]),
        line("", { size: 6 }),
        subheading("{tasksHeading}"),
        body("{tasksLead}", { italics: true }),
        ...loop("tasks", [body("{title}", { bold: true }), body("{lead}"), body("{result}"), ...loop("notes", [body("{.}", { italics: true })])]),
        subheading("{silentHeading}"),
        ...loop("silent", [body("{.}")]),
        subheading("{overdueHeading}"),
        ...loop("overdue", [body("{.}")]),

        heading("{sectionAwards}"),
        ...loop("awardsIntro", [body("{.}")]),
        tag("{#hasAwards}"),
        awardTable,
        line("", { size: 6 }),
        tag("{/hasAwards}"),
        ...loop("matchGroups", [subheading("{heading}"), ...loop("lines", [body("{.}")])]),

        heading("{sectionAssessment}"),
        ...loop("assessment", [body("{.}", { italics: true, highlight: true })]),
        line("", { size: SIZE.body }),
        signatureTable,
      ],
    },
  ],
});

writeFileSync(OUT, await Packer.toBuffer(document));
process.stdout.write(`${OUT.pathname}\n`);
