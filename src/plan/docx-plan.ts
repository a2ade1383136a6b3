import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { unpackDocx } from "../documents/docx-archive.ts";
import { measureDocx } from "../documents/docx-shape.ts";
import { DOCUMENT_LIMITS, DocumentProblem } from "../documents/document-limits.ts";

/**
 * A Word plan (.docx) read into the same tab-separated text the importer reads: paragraphs as
 * lines, each table row as one row of cells. mammoth gives HTML, read here with an HTML parser
 * (htmlparser2), so a table nested in a cell stays inside that cell instead of ending the outer
 * row. A merged cell (rowspan) holds for every row it spans, as a reader of the printed table
 * takes it.
 *
 * The archive is unpacked and measured first (sizes, rows, columns, nesting, text), so mammoth
 * only ever sees a file of a plan's size; a row wider than any plan is refused here too, whatever
 * mammoth made of the spans.
 */
const BLOCKS = new Set(["p", "div", "li", "tr", "br", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"]);

const isElement = (node: ChildNode): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";
const elements = (nodes: ChildNode[], names: string[]) => nodes.filter((node): node is Element => isElement(node) && names.includes(node.name));

/** Text of a node as lines: block elements break lines, list items start with "- ", nested table cells join with spaces. */
function linesOf(nodes: ChildNode[]): string[] {
  const lines: string[] = [""];
  const walk = (node: ChildNode) => {
    if (node.type === "text") {
      lines[lines.length - 1] += (node as unknown as { data: string }).data;
      return;
    }
    if (!isElement(node)) return;
    const block = BLOCKS.has(node.name);
    if (block) lines.push("");
    if (node.name === "li") lines[lines.length - 1] += "- ";
    for (const child of node.children) {
      walk(child);
      if (isElement(child) && (child.name === "td" || child.name === "th")) lines[lines.length - 1] += " ";
    }
    if (block) lines.push("");
  };
  nodes.forEach(walk);
  return lines.map((line) => line.replace(/[\t\s\u00a0]+/g, " ").trim().normalize("NFC")).filter(Boolean);
}

/** The rows of this table only (through thead/tbody/tfoot), not those of tables nested in its cells. */
function rowsOf(table: Element): Element[] {
  const direct = elements(table.children, ["tr"]);
  const grouped = elements(table.children, ["thead", "tbody", "tfoot"]).flatMap((group) => elements(group.children, ["tr"]));
  return [...direct, ...grouped];
}

function tableText(table: Element): string[] {
  const lines: string[] = [];
  const spans = new Map<number, { text: string; remaining: number }>();
  for (const row of rowsOf(table)) {
    const cells: string[] = [];
    let column = 0;
    const nextColumn = () => {
      if (++column > DOCUMENT_LIMITS.rowColumns) throw new DocumentProblem("document-table-too-wide", { max: DOCUMENT_LIMITS.rowColumns });
    };
    const fillSpans = () => {
      for (let span = spans.get(column); span && span.remaining > 0; span = spans.get(column)) {
        cells.push(span.text);
        span.remaining--;
        nextColumn();
      }
    };
    for (const cell of elements(row.children, ["td", "th"])) {
      fillSpans();
      const text = linesOf(cell.children).join("\n");
      const rowspan = Number(cell.attribs.rowspan ?? 1) || 1;
      const colspan = Number(cell.attribs.colspan ?? 1) || 1;
      for (let c = 0; c < colspan; c++) {
        cells.push(c === 0 ? text : "");
        if (rowspan > 1) spans.set(column, { text, remaining: rowspan - 1 });
        nextColumn();
      }
    }
    fillSpans();
    lines.push(cells.join("\t"));
  }
  return lines;
}

export function planTextFromHtml(html: string): string {
  const lines: string[] = [];
  for (const node of parseDocument(html, { decodeEntities: true }).children) {
    if (isElement(node) && node.name === "table") lines.push(...tableText(node));
    else lines.push(...linesOf([node]), "");
  }
  return lines.join("\n");
}

export async function planTextFromDocx(buffer: Buffer): Promise<string> {
  const parts = unpackDocx(buffer);
  measureDocx(parts.xml.values());
  parts.xml.clear();
  // Loaded on the first Word file (in the reader's process), not at the bot's start.
  const { default: mammoth } = await import("mammoth");
  // Pictures are never read: a plan's text is all the importer needs.
  const skipImages = mammoth.images.imgElement(async () => ({ src: "" }));
  const { value } = await mammoth.convertToHtml({ buffer }, { convertImage: skipImages });
  return planTextFromHtml(value);
}
