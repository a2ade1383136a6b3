import { textWidthPoints } from "./text-width.ts";

/**
 * The layout of an administrative document under Decree 30/2020/NĐ-CP, Appendix I, as numbers:
 * A4; margins 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right; Times New Roman; the
 * national title in capitals, 12–13 pt, bold; the motto 13–14 pt, bold, with a solid rule as
 * long as itself; the issuing body in capitals 12–13 pt, bold, under its parent body (not bold),
 * with a rule a third to a half of its length; "Số" 13 pt; place and date 13–14 pt italic; the
 * document's type in capitals 13–14 pt bold, its summary 13–14 pt bold with a rule a third to a
 * half of the line; the body 13–14 pt, justified, the first line indented 1–1.27 cm, at least 6 pt
 * between paragraphs and single to 1.5 line spacing; "Nơi nhận" 12 pt bold italic, its list 11 pt;
 * the signer's authority and title in capitals 13–14 pt bold; page numbers 13–14 pt, centred in the
 * top margin, not on the first page. The default template and the rules drawn at render time both
 * take their numbers from here.
 */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (millimetres: number) => Math.round(millimetres * TWIPS_PER_MM);

export const PAGE = { width: mm(210), height: mm(297), top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
/** The width the text runs in. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** The heading table: issuing body and number on the left, national title and date on the right. */
export const HEADER_COLUMNS = { left: mm(62), right: TEXT_WIDTH - mm(62) };
/** Word's default cell padding, left and right. */
export const CELL_PADDING = 108;

export const FONT = "Times New Roman";
/** Sizes in points. */
export const SIZE = {
  issuer: 13,
  nationalTitle: 12,
  motto: 13,
  number: 13,
  placeDate: 14,
  docType: 14,
  summary: 14,
  body: 14,
  table: 12,
  copiesLabel: 12,
  copies: 11,
  signer: 14,
  pageNumber: 13,
} as const;

/** The first line of a body paragraph, indented 1 cm; 6 pt after each paragraph; 1.15 lines. */
export const BODY = { firstLine: mm(10), after: 120, line: 276 };

/** A rule's share of the issuing body's name and of the summary line: between a third and a half. */
export const RULE_SHARE = 0.42;

/**
 * A solid rule of `length` twips, centred in `width` twips: an empty paragraph whose top border
 * runs between its indents. Word, LibreOffice and every converter draw it the same, unlike a
 * floating shape.
 */
export function ruleParagraphXml(length: number, width: number): string {
  const inset = Math.max(0, Math.round((width - length) / 2));
  return (
    `<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>` +
    `<w:spacing w:before="40" w:after="0" w:line="120" w:lineRule="exact"/>` +
    `<w:ind w:left="${inset}" w:right="${inset}"/><w:jc w:val="center"/></w:pPr></w:p>`
  );
}

const twipsOf = (points: number) => Math.round(points * 20);

/** The rule under text in a cell of `cellWidth` twips: `share` of the text's longest line. */
export function ruleUnder(text: string, size: number, cellWidth: number, share: number): string {
  const room = cellWidth - 2 * CELL_PADDING;
  const line = Math.min(twipsOf(textWidthPoints(text, size, true)), room);
  return ruleParagraphXml(Math.round(line * share), room);
}

/** The rule under the summary, in the body's full width (no cell padding). */
export function ruleUnderBodyLine(text: string, size: number, share: number): string {
  const line = Math.min(twipsOf(textWidthPoints(text, size, true)), TEXT_WIDTH);
  return ruleParagraphXml(Math.round(line * share), TEXT_WIDTH);
}
