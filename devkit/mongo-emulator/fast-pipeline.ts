import type { Document } from "bson";
import { Query } from "mingo";
import { prefilter } from "./prefilter.ts";

/**
 * The leading stages of an aggregation that sum a collection up — $match, $group keyed by field
 * paths with $sum, $max and $min, and $facet of such — evaluated straight over the stored
 * documents. mingo takes seconds to group a province's 100,000 reports where this takes tens of
 * milliseconds. From the first stage this does not know, mingo goes on over what is left (few
 * documents by then); a value this cannot order or key the way mongod does (an array, a
 * sub-document, a Decimal128…) hands the whole pipeline back to mingo, so nothing is answered
 * differently from it — test/db/conformance.test.ts holds both to mongod.
 */
export type StageRunner = (documents: Document[], stages: Document[]) => Document[];

/** Raised while evaluating when a value is beyond this evaluator: the caller runs mingo instead. */
export class NotFast extends Error {}

export function runPipeline(documents: Document[], pipeline: Document[], mingo: StageRunner): Document[] {
  try {
    return runStages(documents, pipeline, mingo);
  } catch (error) {
    if (error instanceof NotFast) return mingo(documents, pipeline);
    throw error;
  }
}

function runStages(documents: Document[], pipeline: Document[], mingo: StageRunner): Document[] {
  let current = documents;
  for (const [index, stage] of pipeline.entries()) {
    const [name, spec] = Object.entries(stage)[0] ?? [];
    if (Object.keys(stage).length !== 1) return mingo(current, pipeline.slice(index));
    if (name === "$match" && isPlainObject(spec)) current = matching(current, spec);
    else if (name === "$group" && isGroupSpec(spec)) current = group(current, spec);
    else if (name === "$facet" && isPlainObject(spec) && Object.values(spec).every(Array.isArray)) {
      const input = current;
      current = [Object.fromEntries(Object.entries(spec).map(([facet, stages]) => [facet, runStages(input, stages as Document[], mingo)]))];
    } else return mingo(current, pipeline.slice(index));
  }
  return current;
}

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** The documents matching a filter: the prefilter's quick verdict, mingo where it is unsure. */
export function matching(documents: Document[], filter: Document): Document[] {
  const verdict = prefilter(filter);
  if (!verdict) return documents;
  let full: Query | undefined;
  return documents.filter((document) => {
    const answer = verdict(document);
    if (answer !== "maybe") return answer === "yes";
    full ??= new Query(filter);
    return full.test(document);
  });
}

const ACCUMULATORS = new Set(["$sum", "$max", "$min"]);
const isFieldPath = (value: unknown): value is string => typeof value === "string" && /^\$[A-Za-z_][\w.]*$/.test(value);

function isGroupSpec(spec: unknown): spec is Document {
  if (!isPlainObject(spec) || !("_id" in spec)) return false;
  const id = spec._id;
  const keyOk = id === null || isFieldPath(id) || (isPlainObject(id) && Object.keys(id).length > 0 && Object.values(id).every(isFieldPath));
  return (
    keyOk &&
    Object.entries(spec).every(([field, accumulator]) => {
      if (field === "_id") return true;
      if (!isPlainObject(accumulator) || Object.keys(accumulator).length !== 1) return false;
      const [operator, argument] = Object.entries(accumulator)[0]!;
      return ACCUMULATORS.has(operator) && (isFieldPath(argument) || (operator === "$sum" && typeof argument === "number"));
    })
  );
}

function fieldValue(document: Document, path: string): unknown {
  let current: unknown = document;
  for (const part of path.slice(1).split(".")) {
    if (Array.isArray(current)) throw new NotFast("a path through an array");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Document)[part];
  }
  return current;
}

function isObjectId(value: unknown): value is { toHexString(): string } {
  return value !== null && typeof value === "object" && (value as { _bsontype?: string })._bsontype === "ObjectId";
}

/** A key equal for values mongod groups together; only for the types whose equality is plain. */
function keyOf(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "number") return `n${value}`;
  if (typeof value === "boolean") return `b${value}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (isObjectId(value)) return `o${value.toHexString()}`;
  throw new NotFast("a group key of another type");
}

/** mongod's order of BSON types, for the types keyOf knows. */
function rankOf(value: unknown): number {
  if (typeof value === "number") return 1;
  if (typeof value === "string") return 2;
  if (isObjectId(value)) return 3;
  if (typeof value === "boolean") return 4;
  if (value instanceof Date) return 5;
  throw new NotFast("a value of another type to order");
}

function compare(a: unknown, b: unknown): number {
  const [ra, rb] = [rankOf(a), rankOf(b)];
  if (ra !== rb) return ra - rb;
  if (typeof a === "number") return a - (b as number);
  // Strings in binary order as mongod has them: UTF-16 order agrees for text without surrogates.
  if (typeof a === "string") {
    if (/[\uD800-\uDFFF]/.test(a) || /[\uD800-\uDFFF]/.test(b as string)) throw new NotFast("a string beyond the BMP");
    return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  }
  if (isObjectId(a)) return a.toHexString().localeCompare((b as { toHexString(): string }).toHexString());
  if (typeof a === "boolean") return Number(a) - Number(b);
  return (a as Date).getTime() - (b as Date).getTime();
}

function group(documents: Document[], spec: Document): Document[] {
  const id = spec._id as null | string | Document;
  const fields = Object.entries(spec).filter(([field]) => field !== "_id") as [string, Document][];
  const idOf = (document: Document): { key: string; value: unknown } => {
    if (id === null) return { key: "null", value: null };
    if (typeof id === "string") {
      const value = fieldValue(document, id);
      return { key: keyOf(value), value: value ?? null };
    }
    const value: Document = {};
    const keys: string[] = [];
    for (const [name, path] of Object.entries(id)) {
      const inner = fieldValue(document, path as string);
      // mongod leaves a missing field out of a compound _id: not worth copying here.
      if (inner === undefined) throw new NotFast("a missing field in a compound _id");
      value[name] = inner;
      keys.push(keyOf(inner));
    }
    return { key: keys.join("\u0000"), value };
  };
  const groups = new Map<string, Document>();
  for (const document of documents) {
    const { key, value } = idOf(document);
    let entry = groups.get(key);
    if (!entry) {
      entry = { _id: value };
      for (const [field, accumulator] of fields) entry[field] = "$sum" in accumulator ? 0 : null;
      groups.set(key, entry);
    }
    for (const [field, accumulator] of fields) {
      const [operator, argument] = Object.entries(accumulator)[0]!;
      const given = typeof argument === "number" ? argument : fieldValue(document, argument as string);
      if (operator === "$sum") {
        if (typeof given === "number") entry[field] = (entry[field] as number) + given;
        else if (given !== undefined && given !== null && typeof given !== "string" && typeof given !== "boolean" && !(given instanceof Date)) throw new NotFast("a sum of another type");
        continue;
      }
      // $max and $min ignore null and missing values, as mongod does.
      if (given === undefined || given === null) continue;
      const sign = compare(given, entry[field] ?? given);
      if (entry[field] === null || (operator === "$max" ? sign > 0 : sign < 0)) entry[field] = given;
    }
  }
  return [...groups.values()];
}
