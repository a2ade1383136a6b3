/**
 * How wide a line of Times New Roman is, estimated from the font's published advance widths
 * (Adobe's Times-Roman and Times-Bold metrics, which Times New Roman and Liberation Serif
 * match). Decree 30/2020 sizes the rule under the motto to the motto's length and the rule
 * under the issuing body to a third to a half of its name: a document drawn without a word
 * processor has to measure the text itself. Vietnamese letters keep their base letter's width
 * (the marks sit above or below it).
 */
const REGULAR: Record<string, number> = {
  ...widths("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611]),
  ...widths("abcdefghijklmnopqrstuvwxyz", [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444]),
  ...widths("0123456789", Array(10).fill(500)),
  ...widths(" -.,:;/()“”\"'…", [250, 333, 250, 250, 278, 278, 278, 333, 333, 444, 444, 408, 180, 1000]),
};

const BOLD: Record<string, number> = {
  ...widths("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667]),
  ...widths("abcdefghijklmnopqrstuvwxyz", [500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444]),
  ...widths("0123456789", Array(10).fill(500)),
  ...widths(" -.,:;/()“”\"'…", [250, 333, 250, 250, 333, 333, 278, 333, 333, 500, 500, 555, 278, 1000]),
};

function widths(characters: string, values: number[]): Record<string, number> {
  return Object.fromEntries([...characters].map((character, index) => [character, values[index]!]));
}

/** The letter a Vietnamese letter is written on: "Độ" → "Do". */
function baseLetters(text: string): string {
  return text
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** The width of `text` in points at `size` points. */
export function textWidthPoints(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const character of baseLetters(text)) units += table[character] ?? 500;
  return (units / 1000) * size;
}
