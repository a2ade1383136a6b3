import { describe, expect, it } from "vitest";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { readAwardCsv } from "../../src/awards/award-csv.ts";
import { DOCUMENT_LIMITS } from "../../src/documents/document-limits.ts";
import { readDocument } from "../../src/documents/read-document.ts";

const HEADER = "code,name,kind,bloc_code,bloc_name,aliases";
const agencies = (count: number) => [HEADER, ...Array.from({ length: count }, (_, i) => `XA${i},Ủy ban nhân dân xã Số ${i},commune,KX,Khối xã,Xã Số ${i}`)].join("\n");

describe("a directory or catalogue CSV is bounded", () => {
  it("reads as many agencies as a province can have, and refuses one more", () => {
    const most = readAgencyCsv(agencies(DOCUMENT_LIMITS.csvRows));
    expect("rows" in most && most.rows.length).toBe(DOCUMENT_LIMITS.csvRows);
    expect(() => readAgencyCsv(agencies(DOCUMENT_LIMITS.csvRows + 1))).toThrow(expect.objectContaining({ key: "document-csv-too-many-rows", params: { max: DOCUMENT_LIMITS.csvRows } }));
    // The 16,584-row file of the report, refused as a whole.
    expect(() => readAgencyCsv(agencies(16_584))).toThrow(expect.objectContaining({ key: "document-csv-too-many-rows" }));
  });

  it("refuses too many columns, and a record longer than any agency's, such as an unclosed quote", () => {
    const wide = Array.from({ length: DOCUMENT_LIMITS.csvColumns + 1 }, (_, i) => `c${i}`).join(",");
    expect(() => readAwardCsv(`${wide}\n`)).toThrow(expect.objectContaining({ key: "document-csv-too-wide" }));
    expect(() => readAgencyCsv(`${HEADER}\nA,"${"x".repeat(DOCUMENT_LIMITS.csvRecordCharacters)},commune,,,\n`)).toThrow(expect.objectContaining({ key: "document-csv-record-too-long" }));
    expect(() => readAgencyCsv(`${HEADER}\nA,"Tên chưa đóng ngoặc,commune,,,\n${"B,Tên,commune,,,\n".repeat(2000)}`)).toThrow(expect.objectContaining({ key: "document-csv-record-too-long" }));
  });

  it("turns each limit into a refusal with its sentence, and a binary file into 'not a CSV'", async () => {
    const request = (text: string | Buffer) => ({ kind: "agency-csv" as const, fileName: "co-quan.csv", bytes: Buffer.from(text) });
    expect(await readDocument(request(agencies(DOCUMENT_LIMITS.csvRows + 1)))).toEqual({ ok: false, problem: "document-csv-too-many-rows", params: { max: DOCUMENT_LIMITS.csvRows } });
    expect(await readDocument(request(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).toEqual({ ok: false, problem: "document-not-csv", params: {} });
    expect(await readDocument(request(Buffer.alloc(DOCUMENT_LIMITS.csvBytes + 1, "a")))).toEqual({ ok: false, problem: "document-too-large", params: { max: 2 } });
    const read = await readDocument(request(agencies(2)));
    expect(read.ok && "rows" in read.value && read.value.rows.map((row) => row.code)).toEqual(["XA0", "XA1"]);
  });
});
