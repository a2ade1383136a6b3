import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import type { ParsedPlan } from "../../src/plan/plan-types.ts";
import { readPlanDocument } from "../../src/plan/read-plan-document.ts";
import { parseTimeWindow } from "../../src/plan/time-window.ts";
import { buildZip, docxWithBody, paragraph } from "../support/hostile-docx.ts";
import { isSentence, plannish } from "./fuzz-support.ts";

/** What any plan, however strange its source, must look like once read. */
function expectWellFormed(plan: ParsedPlan) {
  expect(typeof plan.title).toBe("string");
  expect(plan.year === null || Number.isInteger(plan.year)).toBe(true);
  for (const milestone of plan.milestones) {
    expect(milestone.text.trim()).not.toBe("");
    expect(milestone.months).toEqual([...new Set(milestone.months)].sort((a, b) => a - b));
    for (const month of milestone.months) expect(month >= 1 && month <= 12 && Number.isInteger(month)).toBe(true);
    expect(milestone.due === null || /^\d{4}-\d{2}-\d{2}$/.test(milestone.due)).toBe(true);
    for (const unit of milestone.units) expect(unit.name.trim()).not.toBe("");
  }
}

async function expectReadOrRefused(fileName: string, bytes: Buffer) {
  const read = await readPlanDocument(fileName, bytes);
  if (read.ok) expectWellFormed(read.plan);
  else expect(isSentence(read.problem), read.problem).toBe(true);
}

const HEADER = "TT\tNội dung\tĐơn vị chủ trì\tThời gian thực hiện";

describe("the plan readers, fed what a stranger or an officer could send", { timeout: 60_000 }, () => {
  it("read any text into a well-formed plan, never an exception", () => {
    fc.assert(
      fc.property(plannish(120), fc.array(fc.array(plannish(12), { maxLength: 5 }), { maxLength: 12 }), (head, rows) => {
        // Free text, and text shaped as the converted table: a header, then tab-separated rows.
        expectWellFormed(parsePlan(head));
        expectWellFormed(parsePlan(`${head}\n${HEADER}\n${rows.map((cells) => cells.join("\t")).join("\n")}`));
      }),
      { numRuns: 300 },
    );
  });

  it("read any time cell into months 1 to 12", () => {
    fc.assert(
      fc.property(plannish(10), fc.option(fc.integer({ min: 1900, max: 2200 })), (cell, year) => {
        const window = parseTimeWindow(cell, year);
        expect(["read", "empty", "incomplete", "unreadable"]).toContain(window.status);
        for (const month of window.months) expect(month >= 1 && month <= 12).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("take any text, JSON or binary file sent as a plan to a plan or one sentence", async () => {
    const names = fc.constantFrom("ke-hoach.txt", "ke-hoach.json", "ke-hoach", "scan.pdf", "KE-HOACH.TXT");
    const json = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ title: plannish(4), year: fc.oneof(fc.integer(), fc.constant(null), plannish(1)), milestones: fc.array(fc.record({ row: fc.option(plannish(1)), text: plannish(4), months: fc.array(fc.integer({ min: -2, max: 14 })), units: fc.array(fc.record({ name: plannish(2), role: fc.constantFrom("lead", "coordinating", "x") })) }, { requiredKeys: [] }), { maxLength: 6 }) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    );
    const text = fc.oneof(plannish(60), json, fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")));
    await fc.assert(
      fc.asyncProperty(names, text, (name, content) => expectReadOrRefused(name, Buffer.from(content))),
      { numRuns: 300 },
    );
  });
});

/** One cell: text, and properties a hostile file could give it. */
const cellXml = fc
  .record({
    text: plannish(3).map((text) => text.replace(/[^\p{L}\p{N} .,;:/()–-]/gu, "")),
    span: fc.option(fc.oneof(fc.integer({ min: -3, max: 60 }), fc.constantFrom("1000000000", "4294967297", "-1", "1e9", "abc", "", "0x10"))),
    merge: fc.option(fc.constantFrom('<w:vMerge w:val="restart"/>', "<w:vMerge/>", '<w:vMerge w:val="continue"/>')),
  })
  .map(({ text, span, merge }) => `<w:tc><w:tcPr>${span === null ? "" : `<w:gridSpan w:val="${span}"/>`}${merge ?? ""}</w:tcPr>${paragraph(text)}</w:tc>`);

const tableXml = fc.letrec<{ table: string; content: string }>((tie) => ({
  table: fc.array(fc.array(tie("content"), { minLength: 1, maxLength: 5 }), { maxLength: 5 }).map((rows) => `<w:tbl>${rows.map((cells) => `<w:tr>${cells.join("")}</w:tr>`).join("")}</w:tbl>`),
  content: fc.oneof({ maxDepth: 2, depthIdentifier: "table", withCrossShrink: true }, cellXml, tie("table").map((table) => `<w:tc>${table}<w:p/></w:tc>`)),
})).table;

describe("the Word reader, fed hostile .docx files", { timeout: 60_000 }, () => {
  it("reads any table shape — wide spans, merges, tables in cells — into a plan or one sentence", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(tableXml, plannish(6).map((text) => paragraph(text.replace(/[<&>]/g, "")))), { maxLength: 4 }), async (blocks) => {
        await expectReadOrRefused("ke-hoach.docx", docxWithBody(paragraph("KẾ HOẠCH") + blocks.join("")));
      }),
      { numRuns: 60 },
    );
  });

  it("refuses truncated, corrupted and made-up archives with one sentence", async () => {
    const valid = docxWithBody(paragraph("KẾ HOẠCH") + "<w:tbl><w:tr><w:tc>" + paragraph("TT") + "</w:tc></w:tr></w:tbl>");
    const damaged = fc.oneof(
      fc.nat({ max: valid.length }).map((end) => valid.subarray(0, end)),
      fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
        const copy = Buffer.from(valid);
        for (const [at, value] of flips) copy[at] = value;
        return copy;
      }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.from(bytes)])),
      fc.array(fc.record({ name: fc.constantFrom("word/document.xml", "_rels/.rels", "[Content_Types].xml", "word/media/a.png", "x"), data: fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes)), method: fc.constantFrom(0 as const, 8 as const), declaredSize: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 4 }).map(buildZip),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        await expectReadOrRefused("ke-hoach.docx", bytes);
      }),
      { numRuns: 100 },
    );
  });
});
