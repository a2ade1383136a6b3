/** The database dondoc runs on, whichever started it: src/db/start-database.ts or devkit's try-out database. */
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
