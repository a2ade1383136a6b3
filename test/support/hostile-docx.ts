import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * Small Word files built byte by byte, for the hostile cases a stranger could send: a zip writer
 * that can also lie about sizes, and the document.xml of a table shaped as the attacker wishes.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
  /** Declares this uncompressed size instead of the true one. */
  declaredSize?: number;
  /** Raw deflate data made elsewhere (then `data` is only used for its CRC and size when no declaredSize). */
  deflated?: Buffer;
}

export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const method = entry.method ?? 8;
    const compressed = entry.deflated ?? (method === 8 ? deflateRawSync(entry.data, { level: 9 }) : entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A .docx whose body is the given WordprocessingML (inside <w:body>). */
export function docxWithBody(body: string, extra: ZipEntry[] = []): Buffer {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
  return buildZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "word/document.xml", data: Buffer.from(document) },
    ...extra,
  ]);
}

export const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

export function cell(text: string, properties = ""): string {
  return `<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ""}${paragraph(text)}</w:tc>`;
}

export const row = (cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
export const table = (rows: string[]) => `<w:tbl>${rows.join("")}</w:tbl>`;

const PLAN_HEAD = paragraph("KẾ HOẠCH") + paragraph("Công tác thi đua, khen thưởng năm 2018");
const HEADER_ROW = row(["TT", "Nội dung", "Đơn vị chủ trì", "Thời gian"].map((text) => cell(text)));

/** The 1 KB file that ended the process: one cell claims to span a billion columns. */
export function gridSpanDocx(span = 1_000_000_000): Buffer {
  return docxWithBody(PLAN_HEAD + table([HEADER_ROW, row([cell("1"), cell("Tổng kết", `<w:gridSpan w:val="${span}"/>`), cell("Sở Nội vụ"), cell("Tháng 12")])]));
}

/** A table with more rows than any plan has; each row is small, so the file stays small. */
export function longTableDocx(rows: number, spanEachRow = 1): Buffer {
  const span = spanEachRow > 1 ? `<w:gridSpan w:val="${spanEachRow}"/>` : "";
  const body = Array.from({ length: rows }, (_, index) => row([cell(String(index + 1)), cell("Việc", span), cell("Sở Nội vụ"), cell("Tháng 3")]));
  return docxWithBody(PLAN_HEAD + table([HEADER_ROW, ...body]));
}

/** Cells merged down (vMerge) over every row, with a wide span: what grows with rows × columns. */
export function vMergeDocx(rows: number, span: number): Buffer {
  const first = row([cell("1"), cell("Việc", `<w:gridSpan w:val="${span}"/><w:vMerge w:val="restart"/>`), cell("Sở Nội vụ")]);
  const next = Array.from({ length: rows }, () => row([cell(""), cell("", `<w:gridSpan w:val="${span}"/><w:vMerge/>`), cell("")]));
  return docxWithBody(PLAN_HEAD + table([HEADER_ROW, first, ...next]));
}

/** Tables nested in cells, `depth` deep. */
export function nestedTablesDocx(depth: number): Buffer {
  let inner = paragraph("Việc");
  for (let level = 0; level < depth; level++) inner = `<w:tbl><w:tr><w:tc>${inner}</w:tc></w:tr></w:tbl><w:p/>`;
  return docxWithBody(PLAN_HEAD + inner);
}

/**
 * A zip bomb: a file of about 1 KB a megabyte whose document.xml unpacks to `megabytes` of white
 * space, honestly declared. Made without unpacking it: one megabyte deflated as a block that
 * refers only to itself, repeated, then an empty final block.
 */
export function zipBombDocx(megabytes: number): Buffer {
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024, " "), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const deflated = Buffer.concat([...Array.from({ length: megabytes }, () => megabyte), deflateRawSync(Buffer.alloc(0))]);
  return buildZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "word/document.xml", data: Buffer.alloc(0), deflated, declaredSize: megabytes * 1024 * 1024 },
  ]);
}

/**
 * A table as Word writes it, every word its own run with its fonts: `rows` such rows make a
 * small file of large XML (3,000 rows: about 210 KB holding 30 MB), the shape of the 210 KB file
 * that once cost a minute and 4 GB.
 */
export function verboseTableDocx(rows: number): Buffer {
  const run = (text: string) =>
    `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">${text} </w:t></w:r>`;
  const words = (text: string) => `<w:p><w:pPr><w:spacing w:before="60" w:after="60"/><w:jc w:val="both"/></w:pPr>${text.split(" ").map(run).join("")}</w:p>`;
  const wordCell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/></w:tcPr>${words(text)}</w:tc>`;
  const task = "- Tổ chức hội nghị tổng kết công tác thi đua khen thưởng năm và phát động phong trào thi đua năm mới; - Hướng dẫn các cơ quan đơn vị";
  const body = Array.from({ length: rows }, (_, index) => row([wordCell(String(index + 1)), wordCell(task), wordCell("Sở Nội vụ; Ban TĐKT tỉnh; các cơ quan đơn vị"), wordCell("Tháng 02, 03")]));
  return docxWithBody(PLAN_HEAD + table([HEADER_ROW, ...body]));
}
