/** How a command is written, and what it does: a usage line is the two, apart by two spaces or more. */
function usageLine(text: string): { syntax: string; what: string } {
  const gap = /\s{2,}/.exec(text);
  return gap ? { syntax: text.slice(0, gap.index), what: text.slice(gap.index + gap[0].length) } : { syntax: text, what: "" };
}

const COLUMN_MAX = 44;

/** Usage lines in two aligned columns; a command too long for the first column has its description on the next line. */
export function formatUsage(texts: string[]): string {
  const lines = texts.map(usageLine);
  const width = Math.min(COLUMN_MAX, Math.max(...lines.map((line) => line.syntax.length)));
  return lines
    .map(({ syntax, what }) => {
      if (!what) return `  ${syntax}`;
      if (syntax.length > width) return `  ${syntax}\n  ${" ".repeat(width + 2)}${what}`;
      return `  ${syntax.padEnd(width)}  ${what}`;
    })
    .join("\n");
}
