import type { Document } from "bson";
import { Query } from "mingo";
import { hexOf, isObjectId, isPlainObject } from "./document-values.ts";
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

/** Reads "$a.b" from a document; compiled once a stage, as it runs for every document. */
type Reader = (document: Document) => unknown;

function reader(path: string): Reader {
  const parts = path.slice(1).split(".");
  if (parts.length === 1) {
    const [field] = parts as [string];
    return (document) => document[field];
  }
  return (document) => {
    let current: unknown = document;
    for (const part of parts) {
      if (Array.isArray(current)) throw new NotFast("a path through an array");
      if (current === null || typeof current !== "object") return undefined;
      current = (current as Document)[part];
    }
    return current;
  };
}

/**
 * A key equal for values mongod groups together, for the types whose equality is plain. Keys
 * are made once a value (a group's keys are few): grouping builds nothing for most documents.
 */
const objectIdKeys = new WeakMap<object, string>();

function keyMaker(): (value: unknown) => string {
  const strings = new Map<string, string>();
  return (value) => {
    if (value === undefined || value === null) return "null";
    if (typeof value === "string") {
      let key = strings.get(value);
      if (key === undefined) strings.set(value, (key = `s${value}`));
      return key;
    }
    if (isObjectId(value)) {
      let key = objectIdKeys.get(value);
      if (key === undefined) objectIdKeys.set(value, (key = `o${hexOf(value)}`));
      return key;
    }
    if (typeof value === "number") return `n${value}`;
    if (typeof value === "boolean") return `b${value}`;
    if (value instanceof Date) return `d${value.getTime()}`;
    throw new NotFast("a group key of another type");
  };
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
  if (isObjectId(a)) return hexOf(a).localeCompare(hexOf(b as { toHexString(): string }));
  if (typeof a === "boolean") return Number(a) - Number(b);
  return (a as Date).getTime() - (b as Date).getTime();
}

function group(documents: Document[], spec: Document): Document[] {
  const id = spec._id as null | string | Document;
  const idFields = id === null ? [] : typeof id === "string" ? [["", reader(id)] as const] : Object.entries(id).map(([name, path]) => [name, reader(path as string)] as const);
  const accumulators = Object.entries(spec)
    .filter(([field]) => field !== "_id")
    .map(([field, accumulator]) => {
      const [operator, argument] = Object.entries(accumulator as Document)[0]!;
      return { field, operator, read: typeof argument === "number" ? () => argument : reader(argument as string) };
    });
  // One map a key field, nested: nothing is concatenated for a document.
  const keyOf = keyMaker();
  const root = new Map<string, unknown>();
  const entries: Document[] = [];
  const values: unknown[] = new Array(idFields.length);
  const last = idFields.length - 1;
  for (const document of documents) {
    let level = root;
    let key = "";
    for (let i = 0; i <= last; i++) {
      const value = idFields[i]![1](document);
      // mongod leaves a missing field out of a compound _id: not worth copying here.
      if (value === undefined && typeof id !== "string") throw new NotFast("a missing field in a compound _id");
      values[i] = value;
      key = keyOf(value);
      if (i < last) {
        let next = level.get(key) as Map<string, unknown> | undefined;
        if (!next) level.set(key, (next = new Map()));
        level = next;
      }
    }
    let entry = level.get(key) as Document | undefined;
    if (!entry) level.set(key, (entry = newEntry()));
    for (const { field, operator, read } of accumulators) {
      const given = read(document);
      if (operator === "$sum") {
        if (typeof given === "number") entry[field] = (entry[field] as number) + given;
        else if (given !== undefined && given !== null && typeof given !== "string" && typeof given !== "boolean" && !(given instanceof Date)) throw new NotFast("a sum of another type");
        continue;
      }
      // $max and $min ignore null and missing values, as mongod does.
      if (given === undefined || given === null) continue;
      if (entry[field] === null) entry[field] = given;
      else {
        const sign = compare(given, entry[field]);
        if (operator === "$max" ? sign > 0 : sign < 0) entry[field] = given;
      }
    }
  }
  return entries;

  function newEntry(): Document {
    const value = id === null ? null : typeof id === "string" ? (values[0] ?? null) : Object.fromEntries(idFields.map(([name], i) => [name, values[i]]));
    const entry: Document = { _id: value };
    for (const { field, operator } of accumulators) entry[field] = operator === "$sum" ? 0 : null;
    entries.push(entry);
    return entry;
  }
}
