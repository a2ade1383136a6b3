import { Parser } from "htmlparser2";
import { DOCUMENT_LIMITS, DocumentProblem, type DocumentLimits } from "./document-limits.ts";

/**
 * The shape of a Word file's XML, measured in one streaming pass before the Word reader builds
 * anything: table rows and cells, the columns a row spans (w:gridSpan), how deep elements nest,
 * and how much text there is. A 1 KB file claiming a cell one billion columns wide stops here.
 *
 * Elements are matched by local name whatever their prefix, so a file cannot slip past by binding
 * Word's namespace to another prefix; every XML part is measured, whichever the document points at.
 */
export interface DocxShape {
  rows: number;
  cells: number;
  widestRow: number;
  deepest: number;
  characters: number;
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

export function measureDocx(parts: Iterable<string>, limits: DocumentLimits = DOCUMENT_LIMITS): DocxShape {
  const shape: DocxShape = { rows: 0, cells: 0, widestRow: 0, deepest: 0, characters: 0 };
  // Columns of the row being read, one entry per table nested in a cell.
  const openRows: number[] = [];
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++;
        if (depth > shape.deepest) shape.deepest = depth;
        if (depth > limits.nestingDepth) throw new DocumentProblem("document-nested-too-deep", { max: limits.nestingDepth });
        const local = localName(name);
        if (local === "tr") {
          openRows.push(0);
          if (++shape.rows > limits.tableRows) throw new DocumentProblem("document-too-many-rows", { max: limits.tableRows });
        } else if (local === "tc") {
          if (++shape.cells > limits.tableCells) throw new DocumentProblem("document-too-many-cells", { max: limits.tableCells });
          addColumns(1);
        } else if (local === "gridSpan") {
          const value = Object.entries(attributes).find(([key]) => localName(key) === "val")?.[1] ?? "1";
          const span = Number.parseInt(value, 10);
          // The cell itself was counted as one column already.
          if (Number.isFinite(span) && span > 1) addColumns(Math.min(span, limits.rowColumns + 1) - 1);
        }
      },
      onclosetag(name) {
        depth--;
        if (localName(name) === "tr") openRows.pop();
      },
      ontext(text) {
        shape.characters += text.length;
        if (shape.characters > limits.textCharacters) throw new DocumentProblem("document-text-too-long", { max: limits.textCharacters });
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  const addColumns = (count: number) => {
    if (openRows.length === 0) return;
    const columns = (openRows[openRows.length - 1]! += count);
    if (columns > shape.widestRow) shape.widestRow = columns;
    if (columns > limits.rowColumns) throw new DocumentProblem("document-table-too-wide", { max: limits.rowColumns });
  };
  for (const xml of parts) {
    depth = 0;
    openRows.length = 0;
    parser.reset();
    parser.end(xml);
  }
  return shape;
}
