import { Binary, Decimal128, Double, EJSON, Int32, Long, ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { canonicalKey, topLevelPicker } from "../../devkit/mongo-emulator/document-values.ts";

describe("the emulator's index keys", () => {
  it("are the canonical EJSON of the value, whatever its type, written directly or not", () => {
    const id = new ObjectId();
    const values = [
      "plain", 'quote " and \\ back', "dòng\u2028mới 😀", "", 0, -0, 5, -3, 2147483647, 2147483648, -2147483648, -2147483649, 1.5, 1e21, NaN, Infinity,
      null, true, false, id, new Date(0), new Int32(5), new Double(5), Long.fromNumber(5), Decimal128.fromString("1.10"), new Binary(Buffer.from("ab")),
      { a: 1, b: [id] }, [1, "a", id, null], [1, [2, "x"]], [1.5, "a"], [undefined, 1],
    ];
    for (const value of values) expect(canonicalKey(value), String(value)).toBe(EJSON.stringify({ v: value } as never, { relaxed: false }));
    expect(canonicalKey(undefined)).toBe(canonicalKey(null));
    // Equal values, one key; different ones, different keys.
    expect(canonicalKey(new ObjectId(id.toHexString()))).toBe(canonicalKey(id));
    expect(new Set(values.map(canonicalKey)).size).toBeGreaterThan(values.length - 4);
  });
});

describe("a projection picked without mingo", () => {
  it("keeps the named top-level fields and _id unless told not to; leaves any other projection to mingo", () => {
    const document = { _id: 1, a: 1, b: { c: 2 }, d: [1] };
    expect(topLevelPicker({ a: 1, d: true })!(document)).toEqual({ _id: 1, a: 1, d: [1] });
    expect(topLevelPicker({ _id: 0, b: 1, missing: 1 })!(document)).toEqual({ b: { c: 2 } });
    for (const other of [{ "b.c": 1 }, { a: 0 }, { _id: 0 }, { a: { $slice: 1 } }, { a: "$b" }, {}]) expect(topLevelPicker(other as never)).toBeNull();
  });
});
