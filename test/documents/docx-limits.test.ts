import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_LIMITS } from "../../src/documents/document-limits.ts";
import { unpackDocx } from "../../src/documents/docx-archive.ts";
import { measureDocx } from "../../src/documents/docx-shape.ts";
import { planTextFromHtml } from "../../src/plan/docx-plan.ts";
import { readPlanDocument } from "../../src/plan/read-plan-document.ts";
import { buildZip, cell, docxWithBody, gridSpanDocx, longTableDocx, nestedTablesDocx, row, table, vMergeDocx, zipBombDocx } from "../support/hostile-docx.ts";
import { repoPath } from "../support/sample-files.ts";

/** What readPlanDocument says of a .docx: its refusal, or how many tasks it read. */
async function verdict(bytes: Buffer): Promise<string> {
  const read = await readPlanDocument("ke-hoach.docx", bytes);
  return read.ok ? `${read.plan.milestones.length} tasks` : `${read.problem} ${JSON.stringify(read.params)}`;
}

describe("a Word file is measured before it is read", () => {
  it("still reads the Lai Châu plan, whose shape is far inside every limit", async () => {
    const bytes = readFileSync(repoPath("test/fixtures/plans/lai-chau-2018.docx"));
    const shape = measureDocx(unpackDocx(bytes).xml.values());
    expect(shape.rows).toBeGreaterThan(10);
    expect(shape.rows).toBeLessThan(DOCUMENT_LIMITS.tableRows / 10);
    expect(shape.widestRow).toBe(4);
    expect(await verdict(bytes)).toBe("32 tasks");
  });

  it("refuses a cell that spans a billion columns, in a 1 KB file", async () => {
    const bytes = gridSpanDocx();
    expect(bytes.length).toBeLessThan(2000);
    expect(await verdict(bytes)).toBe(`document-table-too-wide {"max":${DOCUMENT_LIMITS.rowColumns}}`);
    // A row of plan width with a few merged cells is fine.
    expect(await verdict(gridSpanDocx(3))).toMatch(/tasks|no-tasks/);
  });

  it("refuses more rows than any plan, and spans merged down over wide rows", async () => {
    expect(await verdict(longTableDocx(DOCUMENT_LIMITS.tableRows + 1))).toBe(`document-too-many-rows {"max":${DOCUMENT_LIMITS.tableRows}}`);
    expect(await verdict(vMergeDocx(200, 5_000))).toBe(`document-table-too-wide {"max":${DOCUMENT_LIMITS.rowColumns}}`);
    expect(await verdict(longTableDocx(50, 10))).toBe("50 tasks");
  });

  it("refuses more cells than any plan, even in rows under the row limit", async () => {
    const wide = row(Array.from({ length: DOCUMENT_LIMITS.rowColumns }, () => cell("x")));
    const rows = Math.ceil(DOCUMENT_LIMITS.tableCells / DOCUMENT_LIMITS.rowColumns) + 1;
    expect(await verdict(docxWithBody(table(Array.from({ length: rows }, () => wide))))).toBe(`document-too-many-cells {"max":${DOCUMENT_LIMITS.tableCells}}`);
  });

  it("refuses tables nested deeper than Word files go", async () => {
    expect(await verdict(nestedTablesDocx(DOCUMENT_LIMITS.nestingDepth))).toBe(`document-nested-too-deep {"max":${DOCUMENT_LIMITS.nestingDepth}}`);
    expect(await verdict(nestedTablesDocx(3))).toMatch(/no-tasks/);
  });

  it("counts Word's elements whatever prefix the file binds its namespace to", async () => {
    // mammoth reads Word's namespace under any prefix: so does the measure.
    expect(await verdict(withPrefix(longTableDocx(5), "x"))).toBe("5 tasks");
    expect(await verdict(withPrefix(gridSpanDocx(), "x"))).toBe(`document-table-too-wide {"max":${DOCUMENT_LIMITS.rowColumns}}`);
  });

  it("refuses a zip bomb after unpacking no more than the limit", async () => {
    // 1 GB of XML in a 1 MB file.
    const bomb = zipBombDocx(1024);
    expect(bomb.length).toBeLessThan(1.1 * 2 ** 20);
    expect(await verdict(bomb)).toBe(`document-part-too-large {"max":${DOCUMENT_LIMITS.xmlPartBytes / 2 ** 20}}`);
    // The same rules at a smaller scale: parts each under their limit, together over the total;
    // an archive that says a part is small and unpacks to far more.
    const small = { ...DOCUMENT_LIMITS, zipEntryBytes: 2 ** 20, xmlPartBytes: 2 ** 20, zipTotalBytes: 2 * 2 ** 20 };
    const part = Buffer.alloc(2 ** 20 - 1, 0);
    const spread = buildZip(Array.from({ length: 3 }, (_, index) => ({ name: `word/media/image${index}.bmp`, data: part })));
    expect(() => unpackDocx(spread, small)).toThrow(expect.objectContaining({ key: "document-unpacks-too-large", params: { max: 2 } }));
    expect(() => unpackDocx(buildZip([{ name: "word/media/a.bmp", data: part }, { name: "word/media/b.bmp", data: part }]), small)).not.toThrow();
    const liar = buildZip([{ name: "word/document.xml", data: Buffer.alloc(3 * 2 ** 20, 32), declaredSize: 100 }]);
    expect(() => unpackDocx(liar, small)).toThrow(expect.objectContaining({ key: "document-part-too-large", params: { max: 1 } }));
  });

  it("refuses truncated archives, bytes that are no zip, lies about sizes and too many parts as not a Word file", async () => {
    const real = readFileSync(repoPath("test/fixtures/plans/lai-chau-2018.docx"));
    const unreadable = 'plan-doc-unreadable {}';
    expect(await verdict(real.subarray(0, real.length - 10))).toBe(unreadable);
    expect(await verdict(real.subarray(0, Math.floor(real.length / 2)))).toBe(unreadable);
    expect(await verdict(Buffer.from("not a zip at all, only a name ending in .docx"))).toBe(unreadable);
    expect(await verdict(Buffer.alloc(0))).toBe(unreadable);
    expect(await verdict(buildZip([{ name: "word/document.xml", data: Buffer.from("<w:document/>"), declaredSize: 5 }]))).toBe(unreadable);
    // A zip with no Word document inside: mammoth's own refusal, the same sentence.
    expect(await verdict(buildZip([{ name: "hello.txt", data: Buffer.from("hello") }]))).toBe(unreadable);
    const many = buildZip(Array.from({ length: DOCUMENT_LIMITS.zipEntries + 1 }, (_, index) => ({ name: `word/p${index}.xml`, data: Buffer.from("<a/>"), method: 0 as const })));
    expect(await verdict(many)).toBe(`document-too-many-parts {"max":${DOCUMENT_LIMITS.zipEntries}}`);
  });

  it("refuses a row wider than a plan's even when the spans come as HTML", () => {
    expect(() => planTextFromHtml('<table><tr><td colspan="1000000000">x</td></tr></table>')).toThrow(expect.objectContaining({ key: "document-table-too-wide" }));
    expect(() => planTextFromHtml('<table><tr><td rowspan="1000000000">x</td><td>y</td></tr><tr><td>z</td></tr></table>')).not.toThrow();
  });
});

/** The same file with Word's namespace bound to another prefix. */
function withPrefix(docx: Buffer, prefix: string): Buffer {
  const parts = unpackDocx(docx).xml;
  const document = parts.get("word/document.xml")!.replace(/(<\/?|\s)w:/g, `$1${prefix}:`).replace("xmlns:w=", `xmlns:${prefix}=`);
  return buildZip([...parts].map(([name, xml]) => ({ name, data: Buffer.from(name === "word/document.xml" ? document : xml) })));
}
