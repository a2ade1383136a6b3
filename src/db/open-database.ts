import mongoose from "mongoose";
import { resolve } from "node:path";
import * as models from "../../models/index.ts";
import type { Config } from "../config.ts";
import { startDatabase, type RunningDatabase } from "./start-database.ts";

export interface OpenDatabase {
  database: RunningDatabase;
  close(): Promise<void>;
}

/** The database name when the URI does not name one. */
export const DEFAULT_DB_NAME = "dondoc";

function namesDatabase(uri: string): boolean {
  return /^mongodb(\+srv)?:\/\/[^/]+\/[^/?]+/.test(uri);
}

/** Starts (or reaches) the database, connects mongoose, and makes sure every index exists. */
export async function openDatabase(config: Pick<Config, "mongodbUri" | "dataDir">, log: (line: string) => void): Promise<OpenDatabase> {
  const database = await startDatabase({ uri: config.mongodbUri, dataDir: resolve(config.dataDir), log });
  try {
    await mongoose.connect(database.uri, {
      serverSelectionTimeoutMS: 10_000,
      ...(namesDatabase(database.uri) ? {} : { dbName: DEFAULT_DB_NAME }),
    });
    await Promise.all(Object.values(models).map((model) => model.init()));
  } catch (error) {
    await database.stop();
    throw error;
  }
  return {
    database,
    close: async () => {
      await mongoose.disconnect();
      await database.stop();
    },
  };
}
