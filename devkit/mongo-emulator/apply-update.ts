import type { Document } from "bson";
import { Aggregator } from "mingo";
// The updater's own entry, not the package's: that one copies every operator mingo has into a
// fresh context at each call (two thirds of an update's time), where update operators need a few.
import { updateOne } from "mingo/updater";
import { badValue } from "./command-error.ts";
import { cloneValue, ensureId, isOperatorDocument, isPlainObject, setPath } from "./document-values.ts";

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
  if (!options.arrayFilters && applyPlainOperators(copy, operators)) return copy;
  try {
    const documents = [copy];
    updateOne(documents, {}, operators, { arrayFilters: options.arrayFilters, cloneMode: "deep" });
    return documents[0]!;
  } catch (error) {
    throw badValue((error as Error).message);
  }
}

const PLAIN_OPERATORS = new Set(["$set", "$unset", "$inc", "$min", "$max", "$push"]);

/** Both numbers, or both dates: ordered as mongod orders them. Null for values of other or different types. */
function plainOrder(a: unknown, b: unknown): number | null {
  if (typeof a === "number" && typeof b === "number" && !Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return null;
}

/**
 * The updates nearly every write sends — $set, $unset, $inc, $min, $max and $push (a value, or
 * $each with $slice) on paths of field names through sub-documents — applied here to `copy`.
 * mingo's entry builds a context of its operators at every call, most of an update's time.
 * Anything else (a path through an array or into `_id`, two operators on one path, values whose
 * order needs BSON's type order, $push's $sort or $position) returns false with `copy` untouched,
 * and mingo applies the update as before.
 */
function applyPlainOperators(copy: Document, operators: Document): boolean {
  const steps: (() => void)[] = [];
  const paths: string[] = [];
  for (const [operator, fields] of Object.entries(operators)) {
    if (!PLAIN_OPERATORS.has(operator) || !isPlainObject(fields)) return false;
    for (const [path, operand] of Object.entries(fields)) {
      const parts = path.split(".");
      if (parts[0] === "_id" || parts.some((part) => part === "" || part.startsWith("$") || /^\d+$/.test(part))) return false;
      if (paths.some((other) => other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`))) return false;
      paths.push(path);
      // The sub-document holding the field, if every step there is one (or missing: made when set).
      let holder: Document | undefined = copy;
      for (const part of parts.slice(0, -1)) {
        const next: unknown = holder?.[part];
        if (next !== undefined && !isPlainObject(next)) return false;
        holder = next;
      }
      const field = parts.at(-1)!;
      const current = holder?.[field];
      const put = (value: unknown) => () => {
        let target = copy;
        for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Document;
        target[field] = value;
      };
      if (operator === "$set") steps.push(put(cloneValue(operand)));
      else if (operator === "$unset") steps.push(() => holder && delete holder[field]);
      else if (operator === "$inc") {
        if (typeof operand !== "number" || (current !== undefined && typeof current !== "number")) return false;
        steps.push(put(((current as number | undefined) ?? 0) + operand));
      } else if (operator === "$min" || operator === "$max") {
        if (current === undefined) steps.push(put(cloneValue(operand)));
        else {
          const order = plainOrder(operand, current);
          if (order === null) return false;
          if (operator === "$min" ? order < 0 : order > 0) steps.push(put(cloneValue(operand)));
        }
      } else {
        // mingo pushes onto a value that is not an array silently; mongod refuses.
        if (current !== undefined && !Array.isArray(current)) throw badValue(`The field '${path}' must be an array but is of type ${current === null ? "null" : typeof current} in document {_id: ${String(copy._id)}}`);
        let added: unknown[] = [operand];
        let slice: number | undefined;
        if (isPlainObject(operand) && Object.keys(operand).some((key) => key.startsWith("$"))) {
          const { $each, $slice, ...rest } = operand;
          if (Object.keys(rest).length > 0 || !Array.isArray($each) || ($slice !== undefined && !Number.isInteger($slice))) return false;
          added = $each;
          slice = $slice as number | undefined;
        }
        const list = [...((current as unknown[] | undefined) ?? []), ...added.map(cloneValue)];
        steps.push(put(slice === undefined ? list : slice >= 0 ? list.slice(0, slice) : list.slice(slice)));
      }
    }
  }
  for (const step of steps) step();
  return true;
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
