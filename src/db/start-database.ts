import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { MongoMemoryServer } from "mongodb-memory-server";
import { MongoEmulator } from "./emulator/server.ts";
import { loadSnapshot, persistEngine } from "./emulator/snapshot.ts";
import { canDownloadMongod, findLocalMongod } from "./find-mongod.ts";

/**
 * Picks the database dondoc runs on, in this order: MONGODB_URI; mongod through
 * mongodb-memory-server (a local binary, or one it can download); the in-process emulator.
 */
export type DatabaseKind = "external" | "mongodb-memory-server" | "emulator" | "running-bot";

export interface RunningDatabase {
  kind: DatabaseKind;
  uri: string;
  /** One line for logs: which backend, and whether data outlives the process. */
  description: string;
  /** Where the data is kept, when the backend is embedded and keeps it. */
  dataPath: string | null;
  stop(): Promise<void>;
}

export interface StartDatabaseOptions {
  uri?: string;
  /** Keep the embedded database's data here; without it the data lives as long as the process. */
  dataDir?: string;
  /** Refuse the emulator (REQUIRE_REAL_MONGO=1). */
  requireReal?: boolean;
  log?: (line: string) => void;
}

async function startMemoryServer(binary: string | undefined, dataDir: string | undefined): Promise<RunningDatabase> {
  const dbPath = dataDir ? join(dataDir, "mongod") : undefined;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    binary: binary ? { systemBinary: binary } : {},
    instance: dbPath ? { dbPath, storageEngine: "wiredTiger" } : {},
  });
  return {
    kind: "mongodb-memory-server",
    uri: server.getUri(),
    description: dbPath ? `mongod (mongodb-memory-server), data in ${dbPath}` : "mongod (mongodb-memory-server), in memory",
    dataPath: dbPath ?? null,
    stop: async () => {
      await server.stop({ doCleanup: !dbPath });
    },
  };
}

async function startEmulator(dataDir: string | undefined): Promise<RunningDatabase> {
  const emulator = new MongoEmulator();
  let persistence: { flush(): void } | undefined;
  let description = "MongoDB emulator, in memory: nothing is kept when the process ends";
  const file = dataDir ? join(dataDir, "emulator.bson") : null;
  if (file) {
    loadSnapshot(emulator.engine, file);
    persistence = persistEngine(emulator.engine, file);
    description = `MongoDB emulator, saved to ${file}: not a production database, set MONGODB_URI`;
  }
  const uri = await emulator.start();
  return {
    kind: "emulator",
    uri,
    description,
    dataPath: file,
    stop: async () => {
      persistence?.flush();
      await emulator.stop();
    },
  };
}

export async function startDatabase(options: StartDatabaseOptions = {}): Promise<RunningDatabase> {
  const log = options.log ?? (() => {});
  if (options.uri) return { kind: "external", uri: options.uri, description: "MongoDB at MONGODB_URI", dataPath: null, stop: async () => {} };

  const local = await findLocalMongod();
  if (local || (await canDownloadMongod())) {
    try {
      return await startMemoryServer(local, options.dataDir);
    } catch (error) {
      log(`mongodb-memory-server could not start mongod (${(error as Error).message}); trying the emulator`);
    }
  }
  if (options.requireReal) {
    throw new Error("REQUIRE_REAL_MONGO is set but no mongod is available: set MONGODB_URI or MONGOMS_SYSTEM_BINARY");
  }
  return startEmulator(options.dataDir);
}
