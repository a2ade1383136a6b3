import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import mongoose from "mongoose";
import * as models from "../models/index.ts";
import { readDocumentIsolated } from "../src/documents/isolated-reader.ts";
import type { DocumentKind, DocumentRequest } from "../src/documents/read-document.ts";
import { importAgencies } from "../src/services/import-agencies.ts";
import { gridSpanDocx, verboseTableDocx, zipBombDocx } from "../test/support/hostile-docx.ts";
import type { BenchDatabase } from "./database.ts";
import { mb, ms, peakRss, type Figure } from "./figures.ts";

/**
 * Documents: the files of the hostile-input report, each read as the bot reads it (a reader
 * process of its own, the reader's start included), timed, with the reader's peak memory (from
 * /proc, sampled) and what the bot's own process gained meanwhile. Before the reader process the
 * gridSpan file ended the bot in 4 s, the 210 KB file cost 55 s of CPU and 4.4 GB, the 16,584-row
 * directory 81 s.
 */
function agencyCsv(rows: number): Buffer {
  const lines = ["code,name,kind,bloc_code,bloc_name,aliases"];
  for (let i = 0; i < rows; i++) lines.push(`XA${i},Ủy ban nhân dân xã Số ${i},commune,KX${i % 20},Khối xã ${i % 20},UBND xã Số ${i}|Xã Số ${i}`);
  return Buffer.from(lines.join("\n"));
}

/** The highest resident memory of a process, from Linux's /proc; 0 elsewhere. */
function highWater(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function timed<K extends DocumentKind>(request: DocumentRequest<K>) {
  let readerPeak = 0;
  let sampler: NodeJS.Timeout | undefined;
  const start = performance.now();
  const read = await readDocumentIsolated(request, {
    onStart: (reader) => {
      sampler = setInterval(() => (readerPeak = Math.max(readerPeak, highWater(reader.pid))), 10);
    },
  });
  clearInterval(sampler);
  return { read, ms: performance.now() - start, readerPeak };
}

export async function documentFigures(database: BenchDatabase): Promise<Figure[]> {
  // Every file is made first, so what the bot's process gains below is the reading's alone.
  const laiChau = readFileSync(new URL("../test/fixtures/plans/lai-chau-2018.docx", import.meta.url));
  const verbose = verboseTableDocx(3000);
  const bomb = zipBombDocx(2048);
  const directory = agencyCsv(16_584);
  const largest = agencyCsv(5000);
  const before = peakRss();
  const figures: Figure[] = [];
  const refusal = async (name: string, request: DocumentRequest, expected: string) => {
    const { read, ms: took, readerPeak } = await timed(request);
    const answer = read.ok ? "read" : read.problem;
    figures.push({ name: `${name}: answer; time; reader's peak memory`, value: `${answer}; ${ms(took)}; ${readerPeak ? mb(readerPeak) : "—"}`, target: `${expected}; < 10,000 ms`, met: answer === expected && took < 10_000 });
  };
  await refusal("the Lai Châu plan (.docx, 12 KB)", { kind: "plan", fileName: "ke-hoach.docx", bytes: laiChau }, "read");
  await refusal("a 1 KB Word file with gridSpan=1,000,000,000 (ended the bot)", { kind: "plan", fileName: "bang.docx", bytes: gridSpanDocx() }, "document-table-too-wide");
  await refusal(`a ${Math.round(verbose.length / 1024)} KB Word file of 30 MB XML (55 s, 4.4 GB before)`, { kind: "plan", fileName: "dai.docx", bytes: verbose }, "document-part-too-large");
  await refusal(`a zip bomb, 2 GB in ${mb(bomb.length)}`, { kind: "plan", fileName: "nen.docx", bytes: bomb }, "document-part-too-large");
  await refusal("the 16,584-row agency CSV (81 s before)", { kind: "agency-csv", fileName: "co-quan.csv", bytes: directory }, "document-csv-too-many-rows");
  const gained = peakRss() - before;
  figures.push({ name: "the bot process's peak memory gained while those files were read", value: mb(gained), target: "< 50 MB", met: gained < 50 * 1024 * 1024 });

  // The largest directory accepted, read and then imported into the database.
  const { read, ms: readMs } = await timed({ kind: "agency-csv", fileName: "co-quan.csv", bytes: largest });
  await mongoose.connect(`${database.uri}bench_documents`);
  await Promise.all(Object.values(models).map((model) => model.init()));
  const start = performance.now();
  if (read.ok && "rows" in read.value) await importAgencies(read.value.rows, { via: "cli" }, new Date());
  const importMs = performance.now() - start;
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  figures.push({ name: "a 5,000-row agency CSV (the limit): read; imported", value: `${ms(readMs)}; ${ms(importMs)}`, target: "< 10,000 ms; —", met: readMs < 10_000 });
  return figures;
}
