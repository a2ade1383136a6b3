import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateFolder, writePrivateFile } from "./private-files.ts";

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
  ensurePrivateFolder(dataDir);
  const full: RunningDatabaseRecord = { ...record, pid: process.pid, startedAt: new Date().toISOString() };
  writePrivateFile(join(dataDir, FILE), `${JSON.stringify(full, null, 2)}\n`);
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

const LOCK = "bot.lock";

/**
 * Claims the data folder for one bot: the lock file is created exclusively (the file system
 * decides, so two bots starting at the same moment cannot both win); a lock left by a process
 * that died is taken over. Returns the pid of the bot that holds it, or null when this process now does.
 */
export function lockDataFolder(dataDir: string): number | null {
  ensurePrivateFolder(dataDir);
  const path = join(dataDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writePrivateFile(path, String(process.pid), { flag: "wx" });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) return holder;
      if (holder === process.pid) return null;
      rmSync(path, { force: true });
    }
  }
  return null;
}

export function unlockDataFolder(dataDir: string): void {
  const path = join(dataDir, LOCK);
  try {
    if (Number(readFileSync(path, "utf8").trim()) === process.pid) rmSync(path, { force: true });
  } catch {
    // Not held by this process.
  }
}
