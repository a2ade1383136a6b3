import type { Document } from "bson";
import { hexOf, isObjectId } from "./document-values.ts";

/**
 * A fast verdict on a filter for each document, so that mingo evaluates the full query only
 * where it must: strings, ObjectIds, booleans and plain numbers by equality, $in and $nin; ASCII
 * strings, numbers and dates by range; on top-level fields, and $and/$or of those. "yes" and
 * "no" are exact; "maybe" leaves the document to mingo — an array field (which matches by
 * element in MongoDB), a value of a type this does not place (Long, Decimal128…), or a part of
 * the filter this does not understand. String order agrees with mongod's default (binary) one:
 * with ASCII bounds, UTF-16 and UTF-8 order agree.
 */
export type Verdict = "yes" | "no" | "maybe";
export type Prefilter = (document: Document) => Verdict;

const RANGE = new Set(["$gt", "$gte", "$lt", "$lte"]);

/** The comparable form of a string or ObjectId; undefined for anything else. */
function scalarKey(value: unknown): string | undefined {
  if (typeof value === "string") return `s${value}`;
  if (isObjectId(value)) return `o${value.toHexString()}`;
  if (typeof value === "boolean") return `b${value}`;
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

/** The answer for one value: exact, or "maybe" for a type this does not judge (Long, Decimal128…). */
type ValueTest = (value: unknown) => Verdict;

const yesNo = (answer: boolean): Verdict => (answer ? "yes" : "no");
const isPlainNumber = (value: unknown): value is number => typeof value === "number" && !Number.isNaN(value);
/** A value whose type this cannot place in MongoDB's order: mingo judges it. */
const isOtherBson = (value: unknown) => value !== null && typeof value === "object" && !(value instanceof Date) && !isObjectId(value);

function compareWith(operator: string, difference: number): boolean {
  if (operator === "$gt") return difference > 0;
  if (operator === "$gte") return difference >= 0;
  if (operator === "$lt") return difference < 0;
  return difference <= 0;
}

/** A range bound: ASCII strings, plain numbers and dates, each matching only values of its own type. */
function rangeTest(operator: string, bound: unknown): ValueTest | null {
  if (typeof bound === "string" && isAscii(bound)) return (value) => (typeof value === "string" ? yesNo(compare(operator, value, bound)) : isOtherBson(value) ? "maybe" : "no");
  if (isPlainNumber(bound)) return (value) => (isPlainNumber(value) ? yesNo(compareWith(operator, value - bound)) : isOtherBson(value) ? "maybe" : "no");
  if (bound instanceof Date && !Number.isNaN(bound.getTime())) {
    const time = bound.getTime();
    return (value) => (value instanceof Date ? yesNo(compareWith(operator, value.getTime() - time)) : isOtherBson(value) ? "maybe" : "no");
  }
  return null;
}

/** Equality and membership over strings and ObjectIds (exact), and plain numbers (exact for plain numbers). */
function memberTest(operands: unknown[], negated: boolean): ValueTest | null {
  if (operands.every((item) => scalarKey(item) !== undefined)) {
    // One set a type: a document's value is looked up as it is, with nothing built for it.
    const strings = new Set<string>();
    const ids = new Set<string>();
    const booleans = new Set<boolean>();
    for (const item of operands) {
      if (typeof item === "string") strings.add(item);
      else if (isObjectId(item)) ids.add(item.toHexString());
      else booleans.add(item as boolean);
    }
    return (value) => {
      const member = typeof value === "string" ? strings.has(value) : isObjectId(value) ? ids.has(hexOf(value)) : typeof value === "boolean" && booleans.has(value);
      return yesNo(member !== negated);
    };
  }
  if (operands.every(isPlainNumber)) {
    const allowed = new Set(operands);
    return (value) => {
      if (isPlainNumber(value)) return yesNo(allowed.has(value) !== negated);
      if (isOtherBson(value)) return "maybe";
      return yesNo(negated);
    };
  }
  return null;
}

/** A test of a non-array value against a field's condition, or null when not understood. */
function conditionTest(condition: unknown): ValueTest | null {
  if (scalarKey(condition) !== undefined || isPlainNumber(condition)) return memberTest([condition], false);
  if (condition === null || typeof condition !== "object" || Array.isArray(condition) || condition instanceof Date) return null;
  const operators = Object.entries(condition as Document);
  if (operators.length === 0) return null;
  const checks: ValueTest[] = [];
  for (const [operator, operand] of operators) {
    let check: ValueTest | null = null;
    if (operator === "$eq") check = scalarKey(operand) !== undefined || isPlainNumber(operand) ? memberTest([operand], false) : null;
    else if (operator === "$in" || operator === "$nin") check = Array.isArray(operand) ? memberTest(operand, operator === "$nin") : null;
    else if (RANGE.has(operator)) check = rangeTest(operator, operand);
    if (!check) return null;
    checks.push(check);
  }
  return and(checks);
}

/** "yes" when every test says yes, "no" when one says no; "or" is the same with the roles swapped. */
function combine<T>(tests: ((value: T) => Verdict)[], decisive: Verdict, otherwise: Verdict): (value: T) => Verdict {
  return (value) => {
    let verdict = otherwise;
    for (const test of tests) {
      const answer = test(value);
      if (answer === decisive) return decisive;
      if (answer === "maybe") verdict = "maybe";
    }
    return verdict;
  };
}

const and = <T>(tests: ((value: T) => Verdict)[]) => combine(tests, "no", "yes");
const or = <T>(tests: ((value: T) => Verdict)[]) => combine(tests, "yes", "no");

const undecided: Prefilter = () => "maybe";

/** `gaps` counts the parts left undecided: with none, every operator in the filter was understood (and is valid). */
function compile(filter: Document, gaps: { count: number }): Prefilter {
  const parts: Prefilter[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field === "$and" && Array.isArray(condition) && condition.length > 0) {
      parts.push(and(condition.map((branch) => compile(branch as Document, gaps))));
    } else if (field === "$or" && Array.isArray(condition) && condition.length > 0) {
      parts.push(or(condition.map((branch) => compile(branch as Document, gaps))));
    } else if (!field.startsWith("$") && !field.includes(".")) {
      const test = conditionTest(condition);
      if (!test) gaps.count++;
      parts.push(test ? (document) => (Array.isArray(document[field]) ? "maybe" : test(document[field])) : undecided);
    } else {
      gaps.count++;
      parts.push(undecided);
    }
  }
  return and(parts);
}

/**
 * The verdicts for `filter`, or null when it gives nothing to narrow by. `complete`: every part
 * was understood, so the filter is valid and a "maybe" can come only from an array's value.
 */
export function prefilter(filter: Document | undefined): (Prefilter & { complete: boolean }) | null {
  if (!filter || typeof filter !== "object" || Object.keys(filter).length === 0) return null;
  const gaps = { count: 0 };
  return Object.assign(compile(filter, gaps), { complete: gaps.count === 0 });
}
