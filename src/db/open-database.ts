import mongoose from "mongoose";
import { resolve } from "node:path";
import * as models from "../../models/index.ts";
import type { Config } from "../config.ts";
import { findRunningDatabase, forgetRunningDatabase, lockDataFolder, recordRunningDatabase, unlockDataFolder } from "./running-database.ts";
import { startDatabase, type RunningDatabase } from "./start-database.ts";
import { ensureAnswerSheets } from "../services/answer-sheets.ts";

export interface OpenDatabase {
  database: RunningDatabase;
  close(): Promise<void>;
}

/** The database name when the URI does not name one. */
export const DEFAULT_DB_NAME = "dondoc";

function namesDatabase(uri: string): boolean {
  return /^mongodb(\+srv)?:\/\/[^/]+\/[^/?]+/.test(uri);
}

export class DatabaseInUseError extends Error {
  constructor(readonly pid: number) {
    super(`another dondoc (process ${pid}) is running on this data folder; stop it first, or set MONGODB_URI`);
  }
}

/**
 * Starts (or reaches) the database, connects mongoose, and makes sure every index exists.
 * Without MONGODB_URI: the bot starts the embedded database and records where it listens; the
 * CLI uses a running bot's database when there is one, and starts its own only when there is not.
 */
export async function openDatabase(config: Pick<Config, "mongodbUri" | "dataDir"> & Partial<Pick<Config, "production">>, log: (line: string) => void, role: "bot" | "cli" = "cli"): Promise<OpenDatabase> {
  const dataDir = resolve(config.dataDir);
  let database: RunningDatabase;
  if (role === "bot" && !config.mongodbUri) {
    const holder = lockDataFolder(dataDir);
    if (holder !== null) throw new DatabaseInUseError(holder);
  }
  const running = config.mongodbUri ? null : findRunningDatabase(dataDir);
  if (running && role === "bot") {
    unlockDataFolder(dataDir);
    throw new DatabaseInUseError(running.pid);
  }
  if (running) {
    database = { kind: "running-bot", uri: running.uri, description: `the running bot's database (process ${running.pid})`, dataPath: dataDir, stop: async () => {} };
  } else {
    try {
      database = await startDatabase({ uri: config.mongodbUri, dataDir, log, production: config.production });
    } catch (error) {
      if (role === "bot") unlockDataFolder(dataDir);
      throw error;
    }
    if (role === "bot" && database.kind !== "external") recordRunningDatabase(dataDir, { uri: database.uri, kind: database.kind });
  }
  try {
    await mongoose.connect(database.uri, {
      serverSelectionTimeoutMS: 10_000,
      // The bot counts its commands for /metrics (dondoc_database_commands_total).
      monitorCommands: role === "bot",
      ...(namesDatabase(database.uri) ? {} : { dbName: DEFAULT_DB_NAME }),
    });
    await Promise.all(Object.values(models).map((model) => model.init()));
    await ensureAnswerSheets(log);
  } catch (error) {
    if (role === "bot") {
      forgetRunningDatabase(dataDir);
      unlockDataFolder(dataDir);
    }
    await database.stop();
    throw error;
  }
  return {
    database,
    close: async () => {
      await mongoose.disconnect();
      if (role === "bot") {
        forgetRunningDatabase(dataDir);
        unlockDataFolder(dataDir);
      }
      await database.stop();
    },
  };
}
