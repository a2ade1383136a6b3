import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded database of a running bot, recorded in its data folder, so the CLI works on the
 * bot's data instead of starting a second database beside it.
 */
export interface RunningDatabaseRecord {
  uri: string;
  kind: string;
  pid: number;
  startedAt: string;
}

const FILE = "database.json";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function recordRunningDatabase(dataDir: string, record: Omit<RunningDatabaseRecord, "pid" | "startedAt">): void {
  mkdirSync(dataDir, { recursive: true });
  const full: RunningDatabaseRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(full, null, 2)}\n`);
}

/** The record of a database whose process is still alive; a stale record is removed. */
export function findRunningDatabase(dataDir: string): RunningDatabaseRecord | null {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return null;
  try {
    const record = JSON.parse(readFileSync(path, "utf8")) as RunningDatabaseRecord;
    if (record.pid !== process.pid && alive(record.pid)) return record;
  } catch {
    // Unreadable: treated as stale.
  }
  rmSync(path, { force: true });
  return null;
}

export function forgetRunningDatabase(dataDir: string): void {
  const path = join(dataDir, FILE);
  try {
    const record = JSON.parse(readFileSync(path, "utf8")) as RunningDatabaseRecord;
    if (record.pid === process.pid) rmSync(path, { force: true });
  } catch {
    // Nothing recorded by this process.
  }
}
