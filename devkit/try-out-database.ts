import { chmodSync, existsSync } from "node:fs";
import { join } from "node:path";
import { MongoMemoryServer } from "mongodb-memory-server";
import { ensurePrivateFolder } from "../src/db/private-files.ts";
import type { RunningDatabase, StartDatabaseOptions } from "../src/db/database-kinds.ts";
import { canDownloadMongod, findLocalMongod } from "./find-mongod.ts";
import { MongoEmulator } from "./mongo-emulator/server.ts";
import { loadSnapshot, persistEngine } from "./mongo-emulator/snapshot.ts";

/**
 * The database for trying dondoc out, when no MONGODB_URI is given: mongod through
 * mongodb-memory-server (a local binary, or one it can download), else dondoc's own emulator.
 * Never used in production: src/db/start-database.ts refuses to come here under NODE_ENV=production.
 */
async function startMemoryServer(binary: string | undefined, dataDir: string | undefined): Promise<RunningDatabase> {
  const dbPath = dataDir ? join(dataDir, "mongod") : undefined;
  if (dataDir && dbPath) {
    ensurePrivateFolder(dataDir);
    ensurePrivateFolder(dbPath);
  }
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
  if (dataDir && file) {
    ensurePrivateFolder(dataDir);
    // A file saved by an older dondoc with wider rights becomes the bot user's own.
    if (existsSync(file)) chmodSync(file, 0o600);
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

export async function startTryOutDatabase(options: StartDatabaseOptions = {}): Promise<RunningDatabase> {
  const log = options.log ?? (() => {});
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
