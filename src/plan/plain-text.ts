/**
 * Converted plans carry HTML fragments from the word processor (`<ul>`, `<p>`, entities).
 * These helpers turn a cell into plain text while keeping where list items and paragraphs begin.
 */

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // Beyond Unicode (&#99999999;) the text stays as written.
      return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Marks the start of an HTML list item so the bullet splitter sees it as a bullet. */
export const ITEM_MARK = "\u2063";

/**
 * Removes tags: block boundaries become line breaks, `<li>` becomes an item mark,
 * everything else disappears. Text is NFC-normalised so comparisons are exact.
 */
export function htmlToText(cell: string): string {
  const text = cell
    .replace(/<li\b[^>]*>/gi, `\n${ITEM_MARK}`)
    .replace(/<\/?(p|div|ul|ol|br|tr|li)\b[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(text).normalize("NFC");
}

/** Collapses runs of white space (including non-breaking spaces) to one space and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u2063]+/g, " ").trim();
}
