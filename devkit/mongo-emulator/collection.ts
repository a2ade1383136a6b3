import type { Document } from "bson";
import { Query } from "mingo";
import { CommandError, badValue } from "./command-error.ts";
import { canonicalKey, cloneValue, getPath } from "./document-values.ts";

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
  return value !== null && typeof value === "object" && (value as { _bsontype?: string })._bsontype === "ObjectId";
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: "_id_" };

export class Collection {
  /** canonical _id → document, in insertion order (the natural order of a scan). */
  readonly documents = new Map<string, Document>();
  readonly indexes: IndexSpec[] = [ID_INDEX];
  private readonly unique: UniqueIndex[] = [];

  constructor(readonly namespace: string) {
    this.unique.push({ spec: ID_INDEX, filter: undefined, owners: new Map() });
  }

  all(): Document[] {
    return [...this.documents.values()];
  }

  /**
   * The documents a filter can match when it names, by plain equality, every field of a unique
   * index that covers every document: at most one, found in the index as mongod would (the
   * write paths look documents up by _id or by such a key all the time). Null when no such index
   * serves the filter: then every document is a candidate.
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
    return null;
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
  }

  private unindexDocument(document: Document): void {
    for (const index of this.unique) {
      for (const key of this.keysOf(index, document)?.keys ?? []) index.owners.delete(key);
    }
  }

  insert(document: Document): void {
    const id = canonicalKey(document._id);
    if (this.documents.has(id)) throw new DuplicateKeyError(this.namespace, ID_INDEX, { _id: document._id });
    this.checkUnique(document);
    const stored = cloneValue(document);
    this.documents.set(id, stored);
    this.indexDocument(stored, id);
  }

  /** Replaces the stored document with `next`, which must keep its _id. */
  replace(current: Document, next: Document): void {
    const id = canonicalKey(current._id);
    if (canonicalKey(next._id) !== id) {
      throw new CommandError(66, "ImmutableField", "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    this.checkUnique(next, id);
    this.unindexDocument(current);
    const stored = cloneValue(next);
    this.documents.set(id, stored);
    this.indexDocument(stored, id);
  }

  remove(document: Document): void {
    this.unindexDocument(document);
    this.documents.delete(canonicalKey(document._id));
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
    this.indexes.push(spec);
    return "created";
  }

  dropIndex(name: string): boolean {
    if (name === "_id_") throw new CommandError(72, "InvalidOptions", "cannot drop _id index");
    const at = this.indexes.findIndex((index) => index.name === name);
    if (at < 0) return false;
    this.indexes.splice(at, 1);
    const uniqueAt = this.unique.findIndex((index) => index.spec.name === name);
    if (uniqueAt >= 0) this.unique.splice(uniqueAt, 1);
    return true;
  }
}
