import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { forgetEverythingKept } from "../../src/services/kept-while-unchanged.ts";

export const databaseKind = () => inject("mongoKind");
export const onEmulator = () => inject("mongoKind") === "emulator";

function databaseUri(name: string): string {
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${name}`;
  return uri.toString();
}

/**
 * Connects mongoose to a database of this test file's own (dropped at the end) and empties
 * its collections before each test, so files run in parallel and tests do not see each other.
 */
export function useTestDatabase(): { name: string } {
  const name = `dondoc_test_${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    await mongoose.connect(databaseUri(name), { serverSelectionTimeoutMS: 5000 });
    await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  });
  beforeEach(async () => {
    // Empty every collection, keeping indexes (models created them once).
    const db = mongoose.connection.db!;
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(collections.map(({ name }) => db.collection(name).deleteMany({})));
    // What the product keeps of the database in memory goes with it.
    forgetEverythingKept();
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  });
  return { name };
}
