import { ObjectId, type Document } from "bson";
import { Query } from "mingo";
import { describe, expect, it } from "vitest";
import { prefilter } from "../../devkit/mongo-emulator/prefilter.ts";

/** The emulator's fast pre-selection never drops a document the full query would match. */
const a = new ObjectId();
const b = new ObjectId();
const documents: Document[] = [
  { _id: 1, agency: a, period: "2026-06", status: "done", tags: ["x"] },
  { _id: 2, agency: b, period: "2026-05", status: "done" },
  { _id: 3, agency: a, period: "2026-01", status: "blocked" },
  { _id: 4, agency: [a, b], period: ["2026-06"], status: "in-progress" },
  { _id: 5, agency: null, period: 202606, status: "done" },
  { _id: 6, period: "2026-06đ", status: "not-started" },
  { _id: 7, agency: new ObjectId(a.toHexString()), period: "2025-12", status: "done" },
  { _id: 8, chatId: 5, notBefore: new Date("2026-06-01T00:00:00Z"), done: false, status: "pending" },
  { _id: 9, chatId: 6, notBefore: new Date("2026-07-01T00:00:00Z"), done: true, status: "pending" },
  { _id: 10, chatId: "5", notBefore: "2026-05-01", status: "pending" },
  { _id: 11, chatId: null, notBefore: null, status: "pending" },
];

const filters: Document[] = [
  { agency: a },
  { agency: { $in: [a, b] }, period: "2026-06" },
  { period: { $gte: "2026-01", $lt: "2026-06" } },
  { $or: [{ period: "2026-06" }, { period: { $gte: "2026-01", $lt: "2026-06" }, status: "done" }] },
  { agency: { $eq: b } },
  { $and: [{ status: "done" }, { agency: a }] },
  { status: { $ne: "done" } },
  { agency: null },
  { period: { $gt: 202601 } },
  { "tags.0": "x" },
  { $or: [{ status: "done" }, { $expr: { $eq: [1, 1] } }] },
  { status: "pending", notBefore: { $lte: new Date("2026-06-15T00:00:00Z") }, chatId: { $nin: [6, 7] } },
  { chatId: { $in: [5, 6] } },
  { chatId: { $gte: 5 } },
  { notBefore: { $gt: new Date("2026-06-15T00:00:00Z") } },
  { done: false },
  { chatId: { $nin: ["5"] } },
];

describe("the emulator's pre-selection", () => {
  it.each(filters.map((filter) => [JSON.stringify(filter), filter]))("keeps every match of %s", (_name, filter) => {
    const full = new Query(filter as Document).find(documents).all();
    const query = new Query(filter as Document);
    const verdict = prefilter(filter as Document);
    const matching = verdict ? documents.filter((d) => verdict(d) === "yes" || (verdict(d) === "maybe" && query.test(d))) : documents;
    expect(matching).toEqual(full);
  });

  const verdicts = (filter: Document) => documents.map((d) => prefilter(filter)!(d));

  it("decides equality, $in, ranges and $or itself, leaving arrays to the full query", () => {
    expect(verdicts({ agency: a }).slice(0, 7)).toEqual(["yes", "no", "yes", "maybe", "no", "no", "yes"]);
    expect(verdicts({ period: { $gte: "2026-01", $lt: "2026-06" } }).slice(0, 7)).toEqual(["no", "yes", "yes", "maybe", "no", "no", "no"]);
    expect(verdicts({ $or: [{ status: "blocked" }, { agency: b }] }).slice(0, 7)).toEqual(["no", "yes", "yes", "maybe", "no", "no", "no"]);
    expect(verdicts({ notBefore: { $lte: new Date("2026-06-15T00:00:00Z") }, chatId: { $nin: [6] } }).slice(7)).toEqual(["yes", "no", "no", "no"]);
  });

  it("leaves to the full query what it cannot judge", () => {
    for (const filter of [{ status: { $ne: "done" } }, { agency: null }, { "tags.0": "x" }, { period: { $gte: "Đ" } }]) {
      expect(new Set(verdicts(filter))).toEqual(new Set(["maybe"]));
    }
    expect(prefilter({})).toBeNull();
  });
});
