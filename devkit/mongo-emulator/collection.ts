import type { Document } from "bson";
import { Query } from "mingo";
import { CommandError, badValue } from "./command-error.ts";
import { canonicalKey, cloneValue, getPath, isObjectId } from "./document-values.ts";

/** An index as listIndexes shows it. Only unique indexes change behaviour here. */
export interface IndexSpec extends Document {
  v: number;
  key: Record<string, number | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
}

interface UniqueIndex {
  spec: IndexSpec;
  filter: Query | undefined;
  /** index key → canonical _id of the document holding it */
  owners: Map<string, string>;
}

/** What makes a write fail as a duplicate: the shape of mongod's E11000 write error. */
export class DuplicateKeyError extends CommandError {
  constructor(namespace: string, spec: IndexSpec, keyValue: Document) {
    const shown = Object.entries(keyValue)
      .map(([field, value]) => `${field}: ${JSON.stringify(value ?? null)}`)
      .join(", ");
    super(11000, "DuplicateKey", `E11000 duplicate key error collection: ${namespace} index: ${spec.name} dup key: { ${shown} }`, {
      keyPattern: Object.fromEntries(Object.keys(spec.key).map((field) => [field, spec.key[field]])),
      keyValue,
    });
  }
}

/** A value an equality compares exactly as the index keeps it; anything else (operators, null, arrays, Long…) is left to the scan. */
function isPlainKey(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return isObjectId(value);
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: "_id_" };

/** The value a filter asks a field to equal, when it is a plain one (`v` or `{ $eq: v }`). */
function plainEquality(condition: unknown): unknown {
  const value = condition !== null && typeof condition === "object" && !Array.isArray(condition) && !(condition instanceof Date) && Object.keys(condition).length === 1 && "$eq" in condition ? (condition as Document).$eq : condition;
  return isPlainKey(value) ? value : undefined;
}

/**
 * The documents by the value of an index's first field, as mongod reads an index by a prefix:
 * an array's elements each, and the array itself. Every document is in it, whatever the
 * index's own filter: it only narrows which documents the query judges.
 */
class FieldValues {
  readonly ids = new Map<string, Set<string>>();

  constructor(readonly field: string) {}

  private keysOf(document: Document): string[] {
    const value = getPath(document, this.field);
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? [canonicalKey(value), ...value.map((element) => canonicalKey(element))] : [canonicalKey(value)];
  }

  add(document: Document, id: string): void {
    for (const key of this.keysOf(document)) {
      let ids = this.ids.get(key);
      if (!ids) this.ids.set(key, (ids = new Set()));
      ids.add(id);
    }
  }

  delete(document: Document, id: string): void {
    for (const key of this.keysOf(document)) {
      const ids = this.ids.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.ids.delete(key);
    }
  }
}

export class Collection {
  /** canonical _id → document, in insertion order (the natural order of a scan). */
  readonly documents = new Map<string, Document>();
  readonly indexes: IndexSpec[] = [ID_INDEX];
  private readonly unique: UniqueIndex[] = [];
  /** By the first field of each index but _id's. */
  private readonly fields = new Map<string, FieldValues>();
  /** canonical _id → when it was inserted: a narrowed read keeps the natural order. */
  private readonly inserted = new Map<string, number>();
  private insertions = 0;

  constructor(readonly namespace: string) {
    this.unique.push({ spec: ID_INDEX, filter: undefined, owners: new Map() });
  }

  all(): Document[] {
    return [...this.documents.values()];
  }

  /**
   * The documents a filter can match, found by an index as mongod would, in natural order: the
   * one holding a unique key the filter names whole by plain equality (the write paths look
   * documents up by _id or such a key all the time), else those holding the value the filter
   * asks of an index's first field (the fewest, if several serve). Null when no index serves
   * the filter: then every document is a candidate.
   */
  candidates(filter: Document | undefined): Document[] | null {
    if (!filter) return null;
    for (const index of this.unique) {
      if (index.filter || index.spec.sparse) continue;
      const values = Object.keys(index.spec.key).map((field) => filter[field]);
      if (!values.every(isPlainKey)) continue;
      const owner = index.owners.get(canonicalKey(values));
      const document = owner === undefined ? undefined : this.documents.get(owner);
      return document ? [document] : [];
    }
    let fewest: Set<string> | null = null;
    for (const [field, values] of this.fields) {
      const value = plainEquality(filter[field]);
      if (value === undefined) continue;
      const ids = values.ids.get(canonicalKey(value)) ?? new Set<string>();
      if (!fewest || ids.size < fewest.size) fewest = ids;
    }
    if (!fewest) return null;
    return [...fewest].sort((a, b) => this.inserted.get(a)! - this.inserted.get(b)!).map((id) => this.documents.get(id)!);
  }

  private keysOf(index: UniqueIndex, document: Document): { keys: string[]; keyValue: Document } | null {
    const fields = Object.keys(index.spec.key);
    const values = fields.map((field) => getPath(document, field));
    if (index.spec.sparse && values.every((value) => value === undefined)) return null;
    if (index.filter && !index.filter.test(document)) return null;
    const keyValue = Object.fromEntries(fields.map((field, i) => [field, values[i] ?? null]));
    // A multikey index holds one key per array element.
    const arrayAt = values.findIndex((value) => Array.isArray(value));
    if (arrayAt < 0 || fields[arrayAt] === "_id") return { keys: [canonicalKey(values.map((v) => v ?? null))], keyValue };
    const elements = values[arrayAt] as unknown[];
    const keys = (elements.length > 0 ? elements : [undefined]).map((element) =>
      canonicalKey(values.map((value, i) => (i === arrayAt ? (element ?? null) : (value ?? null)))),
    );
    return { keys, keyValue };
  }

  /** Throws the duplicate-key error a write of `document` would meet, replacing `previousId` if given. */
  private checkUnique(document: Document, replacingId?: string): void {
    const id = canonicalKey(document._id);
    for (const index of this.unique) {
      const entry = this.keysOf(index, document);
      if (!entry) continue;
      for (const key of entry.keys) {
        const owner = index.owners.get(key);
        if (owner !== undefined && owner !== (replacingId ?? id) && owner !== id) {
          throw new DuplicateKeyError(this.namespace, index.spec, entry.keyValue);
        }
      }
    }
  }

  private indexDocument(document: Document, id: string): void {
    for (const index of this.unique) {
      for (const key of this.keysOf(index, document)?.keys ?? []) index.owners.set(key, id);
    }
    for (const values of this.fields.values()) values.add(document, id);
  }

  private unindexDocument(document: Document, id: string): void {
    for (const index of this.unique) {
      for (const key of this.keysOf(index, document)?.keys ?? []) index.owners.delete(key);
    }
    for (const values of this.fields.values()) values.delete(document, id);
  }

  insert(document: Document): void {
    const id = canonicalKey(document._id);
    if (this.documents.has(id)) throw new DuplicateKeyError(this.namespace, ID_INDEX, { _id: document._id });
    this.checkUnique(document);
    const stored = cloneValue(document);
    this.documents.set(id, stored);
    this.inserted.set(id, this.insertions++);
    this.indexDocument(stored, id);
  }

  /** Replaces the stored document with `next`, which must keep its _id. */
  replace(current: Document, next: Document): void {
    const id = canonicalKey(current._id);
    if (canonicalKey(next._id) !== id) {
      throw new CommandError(66, "ImmutableField", "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    this.checkUnique(next, id);
    this.unindexDocument(current, id);
    const stored = cloneValue(next);
    this.documents.set(id, stored);
    this.indexDocument(stored, id);
  }

  remove(document: Document): void {
    const id = canonicalKey(document._id);
    this.unindexDocument(document, id);
    this.documents.delete(id);
    this.inserted.delete(id);
  }

  createIndex(spec: IndexSpec): "created" | "exists" {
    const sameName = this.indexes.find((index) => index.name === spec.name);
    const sameKey = this.indexes.find((index) => canonicalKey(index.key) === canonicalKey(spec.key));
    if (sameName && canonicalKey(sameName.key) !== canonicalKey(spec.key)) {
      throw new CommandError(86, "IndexKeySpecsConflict", `An existing index has the same name as the requested index: ${spec.name}`);
    }
    if (sameKey) {
      if (Boolean(sameKey.unique) !== Boolean(spec.unique) || sameKey.name !== spec.name) {
        throw new CommandError(85, "IndexOptionsConflict", `Index already exists with a different name or options: ${sameKey.name}`);
      }
      return "exists";
    }
    if (spec.unique) {
      let filter: Query | undefined;
      try {
        filter = spec.partialFilterExpression ? new Query(spec.partialFilterExpression) : undefined;
      } catch (error) {
        throw badValue((error as Error).message);
      }
      const index: UniqueIndex = { spec, filter, owners: new Map() };
      for (const [id, document] of this.documents) {
        const entry = this.keysOf(index, document);
        for (const key of entry?.keys ?? []) {
          if (index.owners.has(key) && index.owners.get(key) !== id) throw new DuplicateKeyError(this.namespace, spec, entry!.keyValue);
          index.owners.set(key, id);
        }
      }
      this.unique.push(index);
    }
    const first = Object.keys(spec.key)[0];
    if (first && first !== "_id" && !this.fields.has(first) && spec.key[first] !== "text") {
      const values = new FieldValues(first);
      for (const [id, document] of this.documents) values.add(document, id);
      this.fields.set(first, values);
    }
    this.indexes.push(spec);
    return "created";
  }

  dropIndex(name: string): boolean {
    if (name === "_id_") throw new CommandError(72, "InvalidOptions", "cannot drop _id index");
    const at = this.indexes.findIndex((index) => index.name === name);
    if (at < 0) return false;
    const [dropped] = this.indexes.splice(at, 1);
    const first = Object.keys(dropped!.key)[0]!;
    if (!this.indexes.some((index) => Object.keys(index.key)[0] === first)) this.fields.delete(first);
    const uniqueAt = this.unique.findIndex((index) => index.spec.name === name);
    if (uniqueAt >= 0) this.unique.splice(uniqueAt, 1);
    return true;
  }
}
