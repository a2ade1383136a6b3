import type { Document } from "bson";

/**
 * A fast verdict on a filter for each document, so that mingo evaluates the full query only
 * where it must: strings and ObjectIds compared by equality, by $in, or (ASCII strings) by range
 * on top-level fields, and $and/$or of those. "yes" and "no" are exact; "maybe" leaves the
 * document to mingo — an array field (which matches by element in MongoDB), or a part of the
 * filter this does not understand. The verdicts agree with mongod's default (binary) string
 * order: with ASCII bounds, UTF-16 and UTF-8 order agree.
 */
export type Verdict = "yes" | "no" | "maybe";
export type Prefilter = (document: Document) => Verdict;

const RANGE = new Set(["$gt", "$gte", "$lt", "$lte"]);

function isObjectId(value: unknown): value is { toHexString(): string } {
  return value !== null && typeof value === "object" && (value as { _bsontype?: string })._bsontype === "ObjectId";
}

/** The comparable form of a string or ObjectId; undefined for anything else. */
function scalarKey(value: unknown): string | undefined {
  if (typeof value === "string") return `s${value}`;
  if (isObjectId(value)) return `o${value.toHexString()}`;
  return undefined;
}

/** Printable ASCII: anything else is left to mingo. */
const isAscii = (value: string) => /^[ -~]*$/.test(value);

function compare(operator: string, value: string, bound: string): boolean {
  if (operator === "$gt") return value > bound;
  if (operator === "$gte") return value >= bound;
  if (operator === "$lt") return value < bound;
  return value <= bound;
}

/** A test of a non-array value against a field's condition, or null when not understood. */
function conditionTest(condition: unknown): ((value: unknown) => boolean) | null {
  const key = scalarKey(condition);
  if (key !== undefined) return (value) => scalarKey(value) === key;
  if (condition === null || typeof condition !== "object" || Array.isArray(condition)) return null;
  const operators = Object.entries(condition as Document);
  if (operators.length === 0) return null;
  const checks: ((value: unknown) => boolean)[] = [];
  for (const [operator, operand] of operators) {
    if (operator === "$eq" && scalarKey(operand) !== undefined) {
      const expected = scalarKey(operand);
      checks.push((value) => scalarKey(value) === expected);
    } else if (operator === "$in" && Array.isArray(operand) && operand.every((item) => scalarKey(item) !== undefined)) {
      const allowed = new Set(operand.map(scalarKey));
      checks.push((value) => allowed.has(scalarKey(value)));
    } else if (RANGE.has(operator) && typeof operand === "string" && isAscii(operand)) {
      checks.push((value) => typeof value === "string" && compare(operator, value, operand));
    } else return null;
  }
  return (value) => checks.every((check) => check(value));
}

function and(parts: Prefilter[]): Prefilter {
  return (document) => {
    let verdict: Verdict = "yes";
    for (const part of parts) {
      const answer = part(document);
      if (answer === "no") return "no";
      if (answer === "maybe") verdict = "maybe";
    }
    return verdict;
  };
}

function or(branches: Prefilter[]): Prefilter {
  return (document) => {
    let verdict: Verdict = "no";
    for (const branch of branches) {
      const answer = branch(document);
      if (answer === "yes") return "yes";
      if (answer === "maybe") verdict = "maybe";
    }
    return verdict;
  };
}

const undecided: Prefilter = () => "maybe";

function compile(filter: Document): Prefilter {
  const parts: Prefilter[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === "$and" && Array.isArray(condition) && condition.length > 0) {
      parts.push(and(condition.map((branch) => compile(branch as Document))));
    } else if (field === "$or" && Array.isArray(condition) && condition.length > 0) {
      parts.push(or(condition.map((branch) => compile(branch as Document))));
    } else if (!field.startsWith("$") && !field.includes(".")) {
      const test = conditionTest(condition);
      parts.push(test ? (document) => (Array.isArray(document[field]) ? "maybe" : test(document[field]) ? "yes" : "no") : undecided);
    } else parts.push(undecided);
  }
  return and(parts);
}

/** The verdicts for `filter`, or null when it gives nothing to narrow by. */
export function prefilter(filter: Document | undefined): Prefilter | null {
  if (!filter || typeof filter !== "object" || Object.keys(filter).length === 0) return null;
  return compile(filter);
}
