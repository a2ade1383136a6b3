import { EJSON, ObjectId, type Document } from "bson";

/**
 * Helpers over stored documents. Values of BSON types (ObjectId, Binary, Decimal128…) are
 * immutable and shared; plain objects, arrays and dates are copied so a caller can never
 * change what is stored.
 */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const copy: Document = {};
      for (const [key, inner] of Object.entries(value)) copy[key] = cloneValue(inner);
      return copy as T;
    }
  }
  return value;
}

/** A plain sub-document (not an array, a date or a BSON value). */
export function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** An ObjectId, from whichever copy of the bson package made it. */
export function isObjectId(value: unknown): value is ObjectId {
  return value !== null && typeof value === "object" && (value as { _bsontype?: string })._bsontype === "ObjectId";
}

/** A string that is equal for equal BSON values: the key of unique indexes and distinct. */
export function canonicalKey(value: unknown): string {
  const given = value === undefined ? null : value;
  const common = commonKeyText(given);
  return common !== null ? `{"v":${common}}` : EJSON.stringify({ v: given } as Document, { relaxed: false });
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * The canonical EJSON of the values most keys are made of (strings, ObjectIds, 32-bit integers,
 * null, arrays of those), written directly: EJSON's walk was most of an insert's index upkeep.
 * Null for any other value, which EJSON writes.
 */
function commonKeyText(value: unknown): string | null {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0) ? `{"$numberInt":"${value}"}` : null;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const element of value) {
      const text = commonKeyText(element === undefined ? null : element);
      if (text === null) return null;
      parts.push(text);
    }
    return `[${parts.join(",")}]`;
  }
  if (isObjectId(value)) return `{"$oid":"${hexOf(value)}"}`;
  return null;
}

export function getPath(document: Document, path: string): unknown {
  let current: unknown = document;
  for (const part of path.split(".")) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current) && !/^\d+$/.test(part)) {
      // "tags.name" over an array of sub-documents: every element's value.
      const values = current.map((item) => (item !== null && typeof item === "object" ? (item as Document)[part] : undefined));
      current = values.flat();
      continue;
    }
    current = (current as Document)[part];
  }
  return current;
}

export function setPath(document: Document, path: string, value: unknown): void {
  const parts = path.split(".");
  let current: Document = document;
  for (const part of parts.slice(0, -1)) {
    if (current[part] === null || typeof current[part] !== "object") current[part] = {};
    current = current[part] as Document;
  }
  current[parts.at(-1)!] = value;
}

export function ensureId(document: Document): Document {
  if (document._id !== undefined) return document;
  // _id first, as mongod stores it.
  return { _id: new ObjectId(), ...document };
}

export function isOperatorDocument(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith("$"));
}

const hexOfId = new WeakMap<object, string>();

/**
 * An ObjectId's hex, kept once computed: filters and groups ask it of the same stored ids at
 * every query, and building it each time is most of what they cost.
 */
export function hexOf(id: { toHexString(): string }): string {
  let hex = hexOfId.get(id);
  if (hex === undefined) {
    hex = id.toHexString();
    hexOfId.set(id, hex);
  }
  return hex;
}

/**
 * A projection that only names top-level fields to keep (`{ pending: 1, holder: 1 }`, `_id`
 * kept unless `_id: 0`), as a function that picks them; null for any other, which mingo applies.
 */
export function topLevelPicker(projection: Document): ((document: Document) => Document) | null {
  let keepId = true;
  const fields: string[] = [];
  for (const [field, value] of Object.entries(projection)) {
    if (field === "_id" && (value === 0 || value === false)) keepId = false;
    else if ((value !== 1 && value !== true) || field.includes(".") || field.startsWith("$")) return null;
    else if (field !== "_id") fields.push(field);
  }
  if (fields.length === 0) return null;
  return (document) => {
    const picked: Document = {};
    if (keepId && Object.hasOwn(document, "_id")) picked._id = document._id;
    for (const field of fields) if (Object.hasOwn(document, field)) picked[field] = document[field];
    return picked;
  };
}
