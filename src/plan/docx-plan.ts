import mammoth from "mammoth";
import { htmlToText, ITEM_MARK } from "./plain-text.ts";

/**
 * A Word plan (.docx) read into the same tab-separated text the importer reads: paragraphs as
 * lines, each table row as one row of cells. A merged cell (rowspan) holds for every row it
 * spans, as a reader of the printed table takes it.
 */
function cellText(html: string): string {
  return htmlToText(html)
    .split("\n")
    .map((line) => line.replace(/\t/g, " ").trim())
    .filter(Boolean)
    .map((line) => (line.startsWith(ITEM_MARK) ? `- ${line.slice(1).trim()}` : line))
    .join("\n");
}

function tableText(tableHtml: string): string[] {
  const lines: string[] = [];
  const spans = new Map<number, { text: string; remaining: number }>();
  for (const [, rowHtml] of tableHtml.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
    const cells: string[] = [];
    const given = [...rowHtml!.matchAll(/<t[dh]([^>]*)>([\s\S]*?)<\/t[dh]>/g)];
    let column = 0;
    const fillSpans = () => {
      for (let span = spans.get(column); span && span.remaining > 0; span = spans.get(column)) {
        cells.push(span.text);
        span.remaining--;
        column++;
      }
    };
    for (const [, attributes, inner] of given) {
      fillSpans();
      const text = cellText(inner!);
      const rowspan = Number(/rowspan="(\d+)"/.exec(attributes!)?.[1] ?? 1);
      const colspan = Number(/colspan="(\d+)"/.exec(attributes!)?.[1] ?? 1);
      for (let c = 0; c < colspan; c++) {
        cells.push(c === 0 ? text : "");
        if (rowspan > 1) spans.set(column, { text, remaining: rowspan - 1 });
        column++;
      }
    }
    fillSpans();
    lines.push(cells.join("\t"));
  }
  return lines;
}

export function planTextFromHtml(html: string): string {
  const lines: string[] = [];
  const parts = html.split(/(<table[\s\S]*?<\/table>)/g);
  for (const part of parts) {
    if (part.startsWith("<table")) lines.push(...tableText(part));
    else lines.push(...cellText(part).split("\n"), "");
  }
  return lines.join("\n");
}

export async function planTextFromDocx(buffer: Buffer): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer });
  return planTextFromHtml(value);
}
