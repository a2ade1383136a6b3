import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_LIMITS } from "../../src/documents/document-limits.ts";
import { readDocumentIsolated } from "../../src/documents/isolated-reader.ts";
import { gridSpanDocx, longTableDocx } from "../support/hostile-docx.ts";
import { repoPath } from "../support/sample-files.ts";

const plan = (fileName: string, bytes: Buffer) => ({ kind: "plan" as const, fileName, bytes });

describe("the reader process", { timeout: 60_000 }, () => {
  it("reads a real plan in a process of its own, TypeScript and all, as the bot and the CLI do", async () => {
    const read = await readDocumentIsolated(plan("ke-hoach-69.docx", readFileSync(repoPath("test/fixtures/plans/lai-chau-2018.docx"))));
    expect(read.ok && read.value.plan.milestones.length).toBe(32);
    expect(read.ok && read.value.format).toBe("docx");
  });

  it("answers the file that ended the bot with a refusal, and this process goes on", async () => {
    expect(await readDocumentIsolated(plan("bang.docx", gridSpanDocx()))).toEqual({ ok: false, problem: "document-table-too-wide", params: { max: DOCUMENT_LIMITS.rowColumns } });
  });

  it("stops a reading past its time, one past its memory, and one that crashed, each with its sentence", async () => {
    // No reader starts, reads and answers within a millisecond.
    expect(await readDocumentIsolated(plan("ke-hoach.docx", longTableDocx(200)), { readSeconds: 0.001 })).toEqual({ ok: false, problem: "document-took-too-long", params: { seconds: 0.001 } });
    expect(await readDocumentIsolated(plan("ke-hoach.docx", longTableDocx(2000)), { memoryMb: 16 })).toEqual({ ok: false, problem: "document-needs-too-much-memory", params: { max: 16 } });
    expect(await readDocumentIsolated(plan("ke-hoach.docx", longTableDocx(200)), { onStart: (reader) => reader.kill("SIGKILL") })).toEqual({ ok: false, problem: "document-reader-failed", params: {} });
  });
});
