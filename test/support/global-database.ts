import type { TestProject } from "vitest/node";
import { startDatabase } from "../../src/db/start-database.ts";

/**
 * One database server for the whole run: MONGODB_URI, else mongod through
 * mongodb-memory-server, else the emulator. Test files each use their own database on it.
 */
declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: import("../../src/db/start-database.ts").DatabaseKind;
  }
}

export default async function setup(project: TestProject) {
  const database = await startDatabase({
    uri: process.env.MONGODB_URI,
    requireReal: process.env.REQUIRE_REAL_MONGO === "1",
    log: (line) => console.log(`[test database] ${line}`),
  });
  console.log(`[test database] ${database.description}`);
  project.provide("mongoUri", database.uri);
  project.provide("mongoKind", database.kind);
  return async () => {
    await database.stop();
  };
}
