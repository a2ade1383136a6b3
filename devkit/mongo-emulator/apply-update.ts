import type { Document } from "bson";
import { Aggregator } from "mingo";
// The updater's own entry, not the package's: that one copies every operator mingo has into a
// fresh context at each call (two thirds of an update's time), where update operators need a few.
import { updateOne } from "mingo/updater";
import { badValue } from "./command-error.ts";
import { cloneValue, ensureId, isOperatorDocument, setPath } from "./document-values.ts";

/**
 * Applies an update — operators ($set, $inc, $push …), a replacement document, or an
 * aggregation pipeline — to a copy of a document, the way mongod does.
 */
export type UpdateSpec = Document | Document[];

function withoutSetOnInsert(update: Document, inserting: boolean): Document {
  const { $setOnInsert, ...rest } = update;
  if (!inserting || !$setOnInsert) return rest;
  const set = (rest.$set ?? {}) as Document;
  return { ...rest, $set: { ...set, ...($setOnInsert as Document) } };
}

export function applyUpdate(
  document: Document,
  update: UpdateSpec,
  options: { arrayFilters?: Document[]; inserting?: boolean } = {},
): Document {
  if (Array.isArray(update)) {
    const [result] = new Aggregator(update).run([cloneValue(document)]);
    return { _id: document._id, ...(result as Document) };
  }
  if (!isOperatorDocument(update)) {
    // Replacement: keeps _id, drops everything else.
    return { _id: document._id, ...cloneValue(update as Document) };
  }
  const unknown = Object.keys(update).find((key) => !key.startsWith("$"));
  if (unknown) throw badValue(`Unknown modifier: ${unknown}. Expected a valid update modifier or pipeline-style update`);
  const operators = withoutSetOnInsert(update, options.inserting ?? false);
  const copy = cloneValue(document);
  if (Object.keys(operators).length === 0) return copy;
  try {
    const documents = [copy];
    updateOne(documents, {}, operators, { arrayFilters: options.arrayFilters, cloneMode: "deep" });
    return documents[0]!;
  } catch (error) {
    throw badValue((error as Error).message);
  }
}

/** The equality fields of a query become the start of an upserted document. */
function seedFromQuery(query: Document): Document {
  const seed: Document = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith("$")) {
      if (key === "$and" && Array.isArray(value)) {
        for (const part of value) Object.assign(seed, seedFromQuery(part as Document));
      }
      continue;
    }
    if (isOperatorDocument(value)) {
      if ("$eq" in value) setPath(seed, key, cloneValue(value.$eq));
      continue;
    }
    setPath(seed, key, cloneValue(value));
  }
  return seed;
}

export function buildUpsert(query: Document, update: UpdateSpec, arrayFilters?: Document[]): Document {
  if (!Array.isArray(update) && !isOperatorDocument(update)) {
    const idFromQuery = query._id !== undefined && !isOperatorDocument(query._id) ? { _id: query._id } : {};
    return ensureId({ ...idFromQuery, ...cloneValue(update as Document) });
  }
  const seeded = ensureId(seedFromQuery(query));
  return applyUpdate(seeded, update, { arrayFilters, inserting: true });
}
