import type { Document } from "bson";
import { Aggregator, Query } from "mingo";
import { badValue } from "./command-error.ts";
import { canonicalKey, getPath, topLevelPicker } from "./document-values.ts";
import { cursorId, type CommandHandler, type Engine } from "./engine.ts";
import { prefilter } from "./prefilter.ts";
import { runPipeline } from "./fast-pipeline.ts";

/** find, getMore, killCursors, aggregate, count, distinct — evaluated with mingo, summing stages directly (fast-pipeline.ts). */

function query(filter: unknown): Query {
  try {
    return new Query((filter as Document | undefined) ?? {});
  } catch (error) {
    throw badValue((error as Error).message);
  }
}

/** Matching documents in natural order, with sort, skip, limit and projection applied. */
export function selectDocuments(engine: Engine, db: string, name: string, spec: Document): Document[] {
  const collection = engine.collection(db, name);
  if (!collection) return [];
  try {
    // A filter the quick verdict understands whole is compiled by mingo only once a document is
    // left open (compiling is most of a small find's time); any other at once, to refuse a bad one.
    let compiled: Query | undefined;
    const full = () => (compiled ??= query(spec.filter));
    const verdict = prefilter(spec.filter as Document | undefined);
    if (!verdict?.complete) full();
    const candidates = collection.candidates(spec.filter as Document | undefined) ?? collection.all();
    // mingo judges only what the quick verdict leaves open.
    const matching = verdict
      ? candidates.filter((document) => {
          const answer = verdict(document);
          return answer === "yes" || (answer === "maybe" && full().test(document));
        })
      : candidates.filter((document) => full().test(document));
    const projection = spec.projection as Document | undefined;
    const sorted = spec.sort && Object.keys(spec.sort as Document).length > 0;
    if (!sorted && !spec.skip) {
      // Nothing for a cursor to do but the limit (a negative one, as find's, is a positive one) and a plain projection.
      const limited = spec.limit ? matching.slice(0, Math.abs(Number(spec.limit))) : matching;
      if (!projection || Object.keys(projection).length === 0) return limited;
      const pick = topLevelPicker(projection);
      if (pick) return limited.map(pick);
    }
    let cursor = query({}).find(matching, projection);
    if (sorted) cursor = cursor.sort(spec.sort as Record<string, 1 | -1>);
    if (spec.skip) cursor = cursor.skip(Number(spec.skip));
    if (spec.limit) cursor = cursor.limit(Math.abs(Number(spec.limit)));
    return cursor.all() as Document[];
  } catch (error) {
    throw badValue((error as Error).message);
  }
}

function collectionsResolver(engine: Engine, db: string) {
  return (name: string) => engine.collection(db, name)?.all() ?? [];
}

const find: CommandHandler = (engine, command, db) => {
  const documents = selectDocuments(engine, db, command.find, command);
  const single = command.singleBatch === true || (typeof command.limit === "number" && command.limit < 0);
  return engine.cursorReply(`${db}.${command.find}`, documents, command.batchSize, single);
};

const getMore: CommandHandler = (engine, command) => engine.nextBatch(cursorId(command.getMore), command.batchSize);

const killCursors: CommandHandler = (engine, command) => {
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const id of (command.cursors as unknown[]) ?? []) (engine.killCursor(cursorId(id)) ? killed : notFound).push(id);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const aggregate: CommandHandler = (engine, command, db) => {
  const name = command.aggregate;
  if (typeof name !== "string") throw badValue("aggregate on a whole database is not supported");
  const pipeline = (command.pipeline as Document[]) ?? [];
  if (pipeline.some((stage) => "$out" in stage || "$merge" in stage)) throw badValue("$out and $merge are not supported");
  let results: Document[];
  const mingo = (documents: Document[], stages: Document[]) => new Aggregator(stages, { collectionResolver: collectionsResolver(engine, db) }).run(documents) as Document[];
  try {
    results = runPipeline(engine.collection(db, name)?.all() ?? [], pipeline, mingo);
  } catch (error) {
    throw badValue((error as Error).message);
  }
  return engine.cursorReply(`${db}.${name}`, results, (command.cursor as Document | undefined)?.batchSize);
};

const count: CommandHandler = (engine, command, db) => {
  const documents = selectDocuments(engine, db, command.count, { filter: command.query, skip: command.skip, limit: command.limit });
  return { n: documents.length, ok: 1 };
};

const distinct: CommandHandler = (engine, command, db) => {
  const seen = new Map<string, unknown>();
  for (const document of selectDocuments(engine, db, command.distinct, { filter: command.query })) {
    const value = getPath(document, String(command.key));
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) seen.set(canonicalKey(item), item);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, aggregate, count, distinct };
