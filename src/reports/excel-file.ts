import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import type { Translate } from "../i18n.ts";
import type { ExportData } from "../services/export-data.ts";
import { writeExcelReport } from "./excel-report.ts";

/** Writes the workbook to `path` and waits until it is on disk. */
export async function saveExcelReport(data: ExportData, t: Translate, timeZone: string, path: string): Promise<void> {
  const file = createWriteStream(path);
  await writeExcelReport(data, t, timeZone, file);
  await finished(file);
}

/**
 * The workbook in a private temporary file for as long as `use` needs it (to be uploaded),
 * removed afterwards whatever happens.
 */
export async function withExcelFile<T>(data: ExportData, t: Translate, timeZone: string, use: (path: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), "dondoc-export-"));
  try {
    const path = join(folder, "report.xlsx");
    await saveExcelReport(data, t, timeZone, path);
    return await use(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
