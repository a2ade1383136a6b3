import PizZip from "pizzip";

/**
 * A .docx read back the way a reviewer checks a document: its parts' XML, its paragraphs in
 * order with their text and the look of their first run, its tables' rows of cell texts.
 */
export interface DocxParagraph {
  text: string;
  xml: string;
  /** Points, from the first run with text (w:sz is in half-points); null when the run sets none. */
  size: number | null;
  bold: boolean;
  italic: boolean;
  /** The paragraph's top border, as drawn for a rule. */
  rule: boolean;
}

export interface Docx {
  zip: PizZip;
  part(name: string): string;
  paragraphs: DocxParagraph[];
  tables: string[][][];
  /** Every paragraph's text, one a line. */
  text: string;
}

const decode = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const textOf = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(""));

function paragraph(xml: string): DocxParagraph {
  const run = [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r\s[^>]*>([\s\S]*?)<\/w:r>/g)].map((match) => match[1] ?? match[2] ?? "").find((body) => /<w:t[\s>]/.test(body)) ?? "";
  const properties = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(run)?.[1] ?? "";
  const size = /<w:sz w:val="(\d+)"/.exec(properties);
  const on = (tag: string) => new RegExp(`<w:${tag}(?: w:val="(?:true|1|on)")?\\s*/>`).test(properties);
  return { text: textOf(xml), xml, size: size ? Number(size[1]) / 2 : null, bold: on("b"), italic: on("i"), rule: /<w:pBdr>\s*<w:top /.test(xml) };
}

export function readDocx(bytes: Buffer | Uint8Array): Docx {
  const zip = new PizZip(bytes);
  const part = (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`no ${name} in the document`);
    return file.asText();
  };
  const body = part("word/document.xml");
  const paragraphs = [...body.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g)].map((match) => paragraph(match[0]));
  const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((table) =>
    [...table[0].matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => textOf(cell[0]).trim())),
  );
  return { zip, part, paragraphs, tables, text: paragraphs.map((p) => p.text).join("\n") };
}
