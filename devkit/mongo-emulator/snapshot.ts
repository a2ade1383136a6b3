import { BSON, type Document } from "bson";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { writePrivateFile } from "../../src/db/private-files.ts";
import type { IndexSpec } from "./collection.ts";
import type { Engine } from "./engine.ts";

/**
 * Keeps the emulator's data in one file so that an embedded bot without mongod survives a
 * restart. The file is a run of BSON records, rewritten whole (to a temporary file, then
 * renamed) shortly after each write and on stop.
 */
interface SnapshotRecord extends Document {
  db: string;
  collection: string;
  index?: IndexSpec;
  document?: Document;
}

export function saveSnapshot(engine: Engine, path: string): void {
  const chunks: Uint8Array[] = [];
  for (const [db, collections] of engine.databases) {
    for (const [name, collection] of collections) {
      for (const index of collection.indexes) chunks.push(BSON.serialize({ db, collection: name, index }));
      for (const document of collection.documents.values()) chunks.push(BSON.serialize({ db, collection: name, document }));
    }
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  // The data of a province: readable by the bot's user only.
  writePrivateFile(temporary, Buffer.concat(chunks));
  renameSync(temporary, path);
}

export function loadSnapshot(engine: Engine, path: string): number {
  if (!existsSync(path)) return 0;
  const buffer = readFileSync(path);
  let offset = 0;
  let documents = 0;
  while (offset < buffer.length) {
    const size = buffer.readInt32LE(offset);
    const record = BSON.deserialize(buffer.subarray(offset, offset + size)) as SnapshotRecord;
    offset += size;
    const collection = engine.collectionForWrite(record.db, record.collection);
    if (record.index && record.index.name !== "_id_") collection.createIndex(record.index);
    if (record.document) {
      collection.insert(record.document);
      documents++;
    }
  }
  return documents;
}

/** Saves at most once per `delayMs` after writes; `flush` saves now if anything is pending. */
export function persistEngine(engine: Engine, path: string, delayMs = 100): { flush(): void } {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    saveSnapshot(engine, path);
  };
  engine.onWrite = () => {
    timer ??= setTimeout(flush, delayMs);
  };
  return {
    flush: () => {
      if (timer) flush();
    },
  };
}
