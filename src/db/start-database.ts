
/**
 * Picks the database dondoc runs on: MONGODB_URI; else, only outside production, the try-out
 * database of devkit/ (mongod through mongodb-memory-server, or dondoc's own emulator).
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
  /** NODE_ENV=production: a missing MONGODB_URI is an error, never a try-out database. */
  production?: boolean;
}

/** The module that starts a try-out database; loaded only when asked for, and never in production. */
const TRY_OUT_DATABASE = "../../devkit/try-out-database.ts";

export class MissingDatabaseError extends Error {}

export async function startDatabase(options: StartDatabaseOptions = {}): Promise<RunningDatabase> {
  if (options.uri) return { kind: "external", uri: options.uri, description: "MongoDB at MONGODB_URI", dataPath: null, stop: async () => {} };
  if (options.production) {
    throw new MissingDatabaseError("NODE_ENV=production needs MONGODB_URI: dondoc does not run a province on a try-out database (see README, Run it in production)");
  }
  const { startTryOutDatabase } = (await import(TRY_OUT_DATABASE)) as typeof import("../../devkit/try-out-database.ts");
  return startTryOutDatabase(options);
}
