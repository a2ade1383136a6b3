import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { gridSpanDocx, longTableDocx, zipBombDocx } from "./support/hostile-docx.ts";
import { repoPath } from "./support/sample-files.ts";

/**
 * The command line reads documents as the chat does: a hostile file is one line on stderr and a
 * non-zero exit, before any database is opened.
 */
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "dondoc-cli-documents-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(args: string[]) {
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/dondoc_cli_documents_${randomBytes(4).toString("hex")}`;
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: repoPath(""), env: { ...process.env, MONGODB_URI: uri.toString(), DATA_DIR: scratch } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function file(name: string, bytes: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

describe("hostile files given to the command line", { timeout: 120_000 }, () => {
  const refusals = [
    ["the gridSpan file", ["plan", "parse", "bang.docx"], gridSpanDocx, "Bảng trong tệp có dòng rộng hơn 40 cột (tính cả ô gộp), không giống bảng kế hoạch, nên không đọc và không có gì thay đổi."],
    ["an oversized table, in English", ["plan", "import", "dai.docx", "--lang", "en"], () => longTableDocx(3001), "The file has more than 3,000 table rows, more than any plan, so it was not read and nothing changed."],
    ["a zip bomb of 1 GB in 1 MB", ["plan", "parse", "nen.docx"], () => zipBombDocx(1024), "Tệp Word này có một phần khi giải nén lớn hơn 8 MB, quá lớn đối với một kế hoạch, nên không đọc và không có gì thay đổi."],
  ] as const;
  for (const [what, [group, action, name, ...rest], make, line] of refusals) {
    it(`refuses ${what} with one line and a non-zero exit`, async () => {
      const result = await cli([group, action, file(name, make()), ...rest]);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split("\n")).toEqual([line]);
      expect(result.stdout).toBe("");
    });
  }

  it("refuses a directory of 16,584 rows, and a file larger than any plan without reading it", async () => {
    const rows = Array.from({ length: 16_584 }, (_, i) => `XA${i},Ủy ban nhân dân xã Số ${i},commune,KX,Khối xã,Xã Số ${i}`);
    const directory = await cli(["agencies", "import", file("co-quan.csv", ["code,name,kind,bloc_code,bloc_name,aliases", ...rows].join("\n"))]);
    expect(directory.code).not.toBe(0);
    expect(directory.stderr.trim().split("\n")).toEqual(["Tệp CSV có hơn 5.000 dòng, nhiều hơn số cơ quan của bất kỳ tỉnh nào, nên không nhập và không có gì thay đổi."]);
    const large = await cli(["plan", "parse", file("lon.txt", Buffer.alloc(6 * 1024 * 1024, "a"))]);
    expect(large.code).not.toBe(0);
    expect(large.stderr.trim().split("\n")).toEqual(["Tệp quá lớn (tối đa 5 MB), không đọc và không có gì thay đổi."]);
  });
});
