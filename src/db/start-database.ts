import type { RunningDatabase, StartDatabaseOptions } from "./database-kinds.ts";

export type { DatabaseKind, RunningDatabase, StartDatabaseOptions } from "./database-kinds.ts";

/**
 * Picks the database dondoc runs on: MONGODB_URI; else, only outside production, the try-out
 * database of devkit/ (mongod through mongodb-memory-server, or dondoc's own emulator).
 */
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
