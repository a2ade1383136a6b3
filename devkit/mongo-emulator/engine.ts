import { BSON, Long, type Document } from "bson";
import { adminCommands, dataChangingAdminCommands } from "./admin-commands.ts";
import { Collection } from "./collection.ts";
import { CommandError, badValue, commandNotFound, illegalOperation } from "./command-error.ts";
import { readCommands } from "./read-commands.ts";
import { writeCommands } from "./write-commands.ts";

/** A command handler: the engine, the command document, the database it names. */
export type CommandHandler = (engine: Engine, command: Document, db: string) => Document;

const DEFAULT_BATCH = 101;
/** As mongod: a batch stops short of 16 MiB so that the reply fits in one message. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

/** How many of `documents`, up to `count`, fit in one batch (at least one). */
function batchLength(documents: Document[], count: number): number {
  let bytes = 0;
  const limit = Math.min(count, documents.length);
  for (let i = 0; i < limit; i++) {
    bytes += BSON.calculateObjectSize(documents[i]!);
    if (bytes > MAX_BATCH_BYTES) return Math.max(1, i);
  }
  return limit;
}

interface OpenCursor {
  namespace: string;
  remaining: Document[];
}

/** The emulated server's state: databases of collections, and open cursors. */
export class Engine {
  readonly databases = new Map<string, Map<string, Collection>>();
  private readonly cursors = new Map<bigint, OpenCursor>();
  private nextCursorId = 1n;
  private readonly handlers: Record<string, CommandHandler> = { ...adminCommands, ...readCommands, ...writeCommands };
  /** Called after every command that may have changed data (for snapshots). */
  onWrite: (() => void) | undefined;

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The named collection, created on first write as mongod does. */
  collectionForWrite(db: string, name: string): Collection {
    if (typeof name !== "string" || name === "") throw badValue("collection name must be a non-empty string");
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    let collection = collections.get(name);
    if (!collection) {
      collection = new Collection(`${db}.${name}`);
      collections.set(name, collection);
    }
    return collection;
  }

  /** Answers with a first batch and keeps the rest for getMore. */
  cursorReply(namespace: string, documents: Document[], batchSize: number | undefined, single = false): Document {
    const size = batchSize && batchSize > 0 ? batchSize : DEFAULT_BATCH;
    const firstBatch = documents.slice(0, batchLength(documents, size));
    let id = 0n;
    if (!single && documents.length > firstBatch.length) {
      id = this.nextCursorId++;
      this.cursors.set(id, { namespace, remaining: documents.slice(firstBatch.length) });
    }
    return { cursor: { firstBatch, id: Long.fromBigInt(id), ns: namespace }, ok: 1 };
  }

  nextBatch(id: bigint, batchSize: number | undefined): Document {
    const open = this.cursors.get(id);
    if (!open) throw new CommandError(43, "CursorNotFound", `cursor id ${id} not found`);
    const size = batchSize && batchSize > 0 ? batchSize : open.remaining.length;
    const nextBatch = open.remaining.splice(0, batchLength(open.remaining, size));
    if (open.remaining.length === 0) this.cursors.delete(id);
    const reported = open.remaining.length === 0 ? 0n : id;
    return { cursor: { nextBatch, id: Long.fromBigInt(reported), ns: open.namespace }, ok: 1 };
  }

  killCursor(id: bigint): boolean {
    return this.cursors.delete(id);
  }

  run(command: Document): Document {
    const name = Object.keys(command)[0] ?? "";
    const db = typeof command.$db === "string" ? command.$db : "admin";
    try {
      if (command.startTransaction || command.autocommit === false) {
        // What a standalone mongod answers: transactions need a replica set.
        throw illegalOperation("Transaction numbers are only allowed on a replica set member or mongos");
      }
      const handler = this.handlers[name] ?? this.handlers[name.toLowerCase()];
      if (!handler) throw commandNotFound(name);
      const reply = handler(this, command, db);
      if (writeCommands[name] || dataChangingAdminCommands.has(name)) this.onWrite?.();
      return reply;
    } catch (error) {
      if (error instanceof CommandError) return error.toReply();
      return badValue((error as Error).message ?? String(error)).toReply();
    }
  }
}

/** Reads a cursor id sent as Long, bigint or number. */
export function cursorId(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  throw badValue("cursor id must be a number");
}
