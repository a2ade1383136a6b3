import type { Document } from "bson";
import { Query } from "mingo";
import type { IndexSpec } from "./collection.ts";
import { CommandError, badValue, namespaceNotFound } from "./command-error.ts";
import type { CommandHandler } from "./engine.ts";

/** Handshake, server facts, and the commands that shape databases, collections and indexes. */

export const EMULATED_VERSION = "7.0.0";
const MAX_BSON_SIZE = 16 * 1024 * 1024;

const hello: CommandHandler = () => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  maxBsonObjectSize: MAX_BSON_SIZE,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: 1,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  ok: 1,
});

const buildInfo: CommandHandler = () => ({
  version: EMULATED_VERSION,
  versionArray: [7, 0, 0, 0],
  gitVersion: "dondoc-emulator",
  bits: 64,
  maxBsonObjectSize: MAX_BSON_SIZE,
  storageEngines: ["emulated"],
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

const create: CommandHandler = (engine, command, db) => {
  if (engine.collection(db, command.create)) {
    throw new CommandError(48, "NamespaceExists", `Collection ${db}.${command.create} already exists.`);
  }
  engine.collectionForWrite(db, command.create);
  return { ok: 1 };
};

const drop: CommandHandler = (engine, command, db) => {
  const collection = engine.collection(db, command.drop);
  engine.databases.get(db)?.delete(command.drop);
  return { nIndexesWas: collection?.indexes.length ?? 0, ns: `${db}.${command.drop}`, ok: 1 };
};

const dropDatabase: CommandHandler = (engine, _command, db) => {
  engine.databases.delete(db);
  return { dropped: db, ok: 1 };
};

const createIndexes: CommandHandler = (engine, command, db) => {
  const existed = engine.collection(db, command.createIndexes) !== undefined;
  const collection = engine.collectionForWrite(db, command.createIndexes);
  const before = collection.indexes.length;
  const specs = (command.indexes as Document[]) ?? [];
  for (const spec of specs) {
    if (!spec.key || !spec.name) throw badValue("index specification needs 'key' and 'name'");
    collection.createIndex({ v: 2, ...spec } as IndexSpec);
  }
  return {
    createdCollectionAutomatically: !existed,
    numIndexesBefore: before,
    numIndexesAfter: collection.indexes.length,
    ...(collection.indexes.length === before ? { note: "all indexes already exist" } : {}),
    ok: 1,
  };
};

const dropIndexes: CommandHandler = (engine, command, db) => {
  const collection = engine.collection(db, command.dropIndexes);
  if (!collection) throw namespaceNotFound(`ns not found ${db}.${command.dropIndexes}`);
  const before = collection.indexes.length;
  const requested = command.index;
  const names =
    requested === "*"
      ? collection.indexes.filter((index) => index.name !== "_id_").map((index) => index.name)
      : Array.isArray(requested)
        ? (requested as string[])
        : typeof requested === "string"
          ? [requested]
          : collection.indexes.filter((index) => JSON.stringify(index.key) === JSON.stringify(requested)).map((index) => index.name);
  for (const name of names) {
    if (!collection.dropIndex(name)) throw new CommandError(27, "IndexNotFound", `index not found with name [${name}]`);
  }
  return { nIndexesWas: before, ok: 1 };
};

const listIndexes: CommandHandler = (engine, command, db) => {
  const collection = engine.collection(db, command.listIndexes);
  if (!collection) throw namespaceNotFound(`ns does not exist: ${db}.${command.listIndexes}`);
  return engine.cursorReply(`${db}.${command.listIndexes}`, collection.indexes, (command.cursor as Document | undefined)?.batchSize);
};

const listCollections: CommandHandler = (engine, command, db) => {
  const entries = [...(engine.databases.get(db)?.keys() ?? [])].map((name) => ({
    name,
    type: "collection",
    options: {},
    info: { readOnly: false },
    idIndex: { v: 2, key: { _id: 1 }, name: "_id_" },
  }));
  const filtered = command.filter ? (new Query(command.filter as Document).find(entries).all() as Document[]) : entries;
  const shown = command.nameOnly ? filtered.map(({ name, type }) => ({ name, type })) : filtered;
  return engine.cursorReply(`${db}.$cmd.listCollections`, shown, (command.cursor as Document | undefined)?.batchSize);
};

const listDatabases: CommandHandler = (engine) => ({
  databases: [...engine.databases.keys()].map((name) => ({ name, sizeOnDisk: 0, empty: false })),
  totalSize: 0,
  ok: 1,
});

export const adminCommands: Record<string, CommandHandler> = {
  hello,
  ismaster: hello,
  isMaster: hello,
  buildInfo,
  buildinfo: buildInfo,
  ping: ok,
  endSessions: ok,
  killAllSessions: ok,
  getParameter: () => ({ featureCompatibilityVersion: { version: "7.0" }, ok: 1 }),
  create,
  drop,
  dropDatabase,
  createIndexes,
  dropIndexes,
  listIndexes,
  listCollections,
  listDatabases,
};

export const dataChangingAdminCommands = new Set(["create", "drop", "dropDatabase", "createIndexes", "dropIndexes"]);
