import { Double, Int32, ObjectId, type Db } from "mongodb";
import mongoose from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { onEmulator, useTestDatabase } from "../support/test-database.ts";

/**
 * Runs against whichever backend the suite chose, so the emulator is held to what real mongod
 * does. What the emulator does not do is skipped by name on it, never passed falsely.
 */
useTestDatabase();
const db = (): Db => mongoose.connection.db!;

describe("documents", () => {
  beforeEach(async () => {
    await db().collection("items").insertMany(
      Array.from({ length: 250 }, (_, i) => ({ n: i, group: i % 3, tags: i % 2 ? ["odd"] : ["even", "x"], at: new Date(Date.UTC(2018, 0, 1 + (i % 28))) })),
    );
  });

  it("finds with filter, sort, skip, limit and projection", async () => {
    const found = await db()
      .collection("items")
      .find({ group: 1, n: { $gte: 10 } }, { projection: { _id: 0, n: 1 } })
      .sort({ n: -1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(found).toEqual([{ n: 241 }, { n: 238 }, { n: 235 }]);
  });

  it("streams past the first batch with getMore and can close a cursor early", async () => {
    const all = await db().collection("items").find({}, { batchSize: 40 }).toArray();
    expect(all).toHaveLength(250);
    expect(new Set(all.map((d) => d.n)).size).toBe(250);
    const cursor = db().collection("items").find({}, { batchSize: 10 });
    await cursor.next();
    await cursor.close();
    expect(await cursor.hasNext()).toBe(false);
  });

  // 20 MB through the wire protocol: a second on an idle machine; the budget is for a busy one.
  it("returns a result larger than one 16 MiB message in several batches", { timeout: 180_000 }, async () => {
    const note = "x".repeat(100_000);
    await db().collection("large").insertMany(Array.from({ length: 200 }, (_, n) => ({ n, note })));
    const all = await db().collection("large").find({}, { batchSize: 1000 }).toArray();
    expect(all.map((d) => d.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
  });

  it("finds by a unique key exactly as by a scan: compound, multikey, with more conditions, after updates", async () => {
    const sheets = db().collection("keyed");
    await sheets.createIndex({ period: 1, agency: 1 }, { unique: true });
    await sheets.createIndex({ codes: 1 }, { unique: true });
    const agency = new ObjectId();
    await sheets.insertMany([
      { period: "2026-06", agency, codes: ["a", "b"], n: 1 },
      { period: "2026-07", agency, codes: ["c"], n: 2 },
    ]);
    expect(await sheets.findOne({ period: "2026-06", agency: new ObjectId(agency.toHexString()) }, { projection: { _id: 0, n: 1 } })).toEqual({ n: 1 });
    expect(await sheets.findOne({ period: "2026-06", agency, n: 2 })).toBeNull();
    expect(await sheets.findOne({ period: "2026-08", agency })).toBeNull();
    expect((await sheets.findOne({ codes: "b" }))?.n).toBe(1);
    await sheets.updateOne({ period: "2026-07", agency }, { $set: { period: "2026-09", codes: ["d"] } });
    expect(await sheets.findOne({ period: "2026-07", agency })).toBeNull();
    expect((await sheets.findOne({ period: "2026-09", agency }))?.n).toBe(2);
    expect(await sheets.findOne({ codes: "c" })).toBeNull();
    await sheets.updateOne({ period: "2026-10", agency }, { $max: { "answers.x": 3 } }, { upsert: true });
    await sheets.updateOne({ period: "2026-10", agency }, { $max: { "answers.x": 2 } }, { upsert: true });
    expect(await sheets.findOne({ period: "2026-10", agency }, { projection: { _id: 0, answers: 1 } })).toEqual({ answers: { x: 3 } });
  });

  it("finds by an index's first field exactly as by a scan: in natural order, through arrays, after updates and deletes", async () => {
    const reports = db().collection("by_agency");
    await reports.createIndex({ agency: 1, period: 1 });
    await reports.createIndex({ "roles.agency": 1 });
    const [a, b] = [new ObjectId(), new ObjectId()];
    await reports.insertMany([
      { n: 1, agency: a, period: "2026-05", status: "done", roles: [{ agency: a }, { agency: b }] },
      { n: 2, agency: b, period: "2026-06", status: "done", roles: [{ agency: b }] },
      { n: 3, agency: a, period: "2026-06", status: "late", roles: [] },
      { n: 4, agency: [a, b], period: "2026-06", status: "done" },
      { n: 5, period: "2026-06", status: "done" },
    ]);
    const ns = async (filter: object) => (await reports.find(filter).toArray()).map((d) => d.n);
    expect(await ns({ agency: a })).toEqual([1, 3, 4]);
    expect(await ns({ agency: { $eq: b }, $or: [{ period: "2026-06" }, { period: { $gte: "2026-01", $lt: "2026-06" }, status: "done" }] })).toEqual([2, 4]);
    expect(await ns({ "roles.agency": b })).toEqual([1, 2]);
    expect(await ns({ agency: [a, b] })).toEqual([4]);
    expect(await ns({ agency: null })).toEqual([5]);
    await reports.updateOne({ n: 1 }, { $set: { agency: b } });
    await reports.deleteOne({ n: 3 });
    await reports.insertOne({ n: 6, agency: a, period: "2026-07" });
    expect(await ns({ agency: a })).toEqual([4, 6]);
    expect(await ns({ agency: b })).toEqual([1, 2, 4]);
    await reports.dropIndex("agency_1_period_1");
    expect(await ns({ agency: b })).toEqual([1, 2, 4]);
  });

  it("round-trips dates, ObjectIds, nested documents, null and missing fields", async () => {
    const id = new ObjectId();
    await db().collection("shapes").insertOne({ _id: id, when: new Date("2018-03-01T01:00:00Z"), nested: { a: [1, { b: "Sìn Hồ" }] }, empty: null });
    const back = await db().collection("shapes").findOne({ _id: new ObjectId(id.toHexString()) });
    expect(back).toEqual({ _id: id, when: new Date("2018-03-01T01:00:00Z"), nested: { a: [1, { b: "Sìn Hồ" }] }, empty: null });
    expect(await db().collection("shapes").countDocuments({ empty: null })).toBe(1);
    expect(await db().collection("shapes").countDocuments({ missing: null })).toBe(1);
    expect(await db().collection("shapes").countDocuments({ missing: { $exists: true } })).toBe(0);
  });

  it("counts and lists distinct values, flattening arrays", async () => {
    expect(await db().collection("items").countDocuments({ group: 0 })).toBe(84);
    expect(await db().collection("items").estimatedDocumentCount()).toBe(250);
    expect((await db().collection("items").distinct("tags")).sort()).toEqual(["even", "odd", "x"]);
  });

  it("aggregates with $match, $group, $sort, $unwind and $lookup", async () => {
    const groups = await db()
      .collection("items")
      .aggregate([{ $match: { n: { $lt: 9 } } }, { $group: { _id: "$group", total: { $sum: "$n" } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(groups).toEqual([
      { _id: 0, total: 9 },
      { _id: 1, total: 12 },
      { _id: 2, total: 15 },
    ]);
    await db().collection("groups").insertMany([{ _id: 0 as never, name: "zero" }, { _id: 1 as never, name: "one" }]);
    const joined = await db()
      .collection("items")
      .aggregate([{ $match: { n: { $in: [3, 4] } } }, { $lookup: { from: "groups", localField: "group", foreignField: "_id", as: "g" } }, { $unwind: "$g" }, { $project: { _id: 0, n: 1, name: "$g.name" } }, { $sort: { n: 1 } }])
      .toArray();
    expect(joined).toEqual([
      { n: 3, name: "zero" },
      { n: 4, name: "one" },
    ]);
  });

  it("sums up by compound keys with $sum, $max and $min, in a $facet, and goes on after it", async () => {
    const [m1, m2] = [new ObjectId(), new ObjectId()];
    await db().collection("answers").insertMany([
      { m: m1, a: "x", period: "2018-02", status: "done", n: 1 },
      { m: m1, a: "x", period: "2018-03", status: "blocked", n: 2 },
      { m: m1, a: "y", period: "2018-01", status: "done" },
      { m: m2, a: "x", period: "2018-03", status: "in-progress", n: 4.5 },
      { m: m2, a: "y", period: null, status: "done", n: "7" },
      { m: m2, a: "z", period: "2018-03", status: "not-started", n: 100 },
    ]);
    const [facets] = await db()
      .collection("answers")
      .aggregate([
        { $match: { status: { $in: ["done", "blocked", "in-progress"] } } },
        { $group: { _id: { m: "$m", a: "$a" }, latest: { $max: "$period" }, first: { $min: "$period" }, total: { $sum: "$n" }, count: { $sum: 1 } } },
        {
          $facet: {
            byAgency: [{ $group: { _id: "$_id.a", pairs: { $sum: 1 }, latest: { $max: "$latest" }, answers: { $sum: "$count" } } }, { $sort: { _id: 1 } }],
            late: [{ $match: { latest: { $lt: "2018-03" } } }, { $project: { _id: 0, a: "$_id.a", latest: 1, first: 1, total: 1 } }, { $sort: { a: 1 } }],
            all: [{ $group: { _id: null, total: { $sum: "$total" } } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      // $max leaves out null; a string is no number to $sum.
      byAgency: [
        { _id: "x", pairs: 2, latest: "2018-03", answers: 3 },
        { _id: "y", pairs: 2, latest: "2018-01", answers: 2 },
      ],
      late: [{ a: "y", latest: "2018-01", first: "2018-01", total: 0 }],
      all: [{ _id: null, total: 7.5 }],
    });
    const byId = await db().collection("answers").aggregate([{ $group: { _id: "$m", count: { $sum: 1 } } }, { $sort: { count: -1 } }]).toArray();
    expect(byId).toEqual([
      { _id: m1, count: 3 },
      { _id: m2, count: 3 },
    ].sort((a, b) => b.count - a.count));
  });

  it("orders values of different types as mongod does in $max and $min", async () => {
    await db().collection("mixed").insertMany([{ v: 3 }, { v: "a" }, { v: new Date("2018-03-01T00:00:00Z") }, { v: true }, { v: null }, {}, { v: new ObjectId("5a0000000000000000000000") }]);
    const [extremes] = await db().collection("mixed").aggregate([{ $group: { _id: null, top: { $max: "$v" }, bottom: { $min: "$v" } } }]).toArray();
    expect(extremes).toEqual({ _id: null, top: new Date("2018-03-01T00:00:00Z"), bottom: 3 });
  });
});

describe("writes", () => {
  it("updates with operators, array filters and multi", async () => {
    const items = db().collection<{ k: string; n: number; list: number[] }>("w");
    await items.insertMany([{ k: "a", n: 1, list: [1, 5, 9] }, { k: "b", n: 2, list: [] }]);
    const one = await items.updateOne({ k: "a" }, { $inc: { n: 2 }, $push: { list: 10 }, $set: { "deep.x": true } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    await items.updateOne({ k: "a" }, { $set: { "list.$[big]": 0 } }, { arrayFilters: [{ big: { $gt: 4 } }] });
    expect(await items.findOne({ k: "a" }, { projection: { _id: 0 } })).toEqual({ k: "a", n: 3, list: [1, 0, 0, 0], deep: { x: true } });
    const many = await items.updateMany({}, { $unset: { list: "" }, $addToSet: { seen: "yes" } });
    expect(many.modifiedCount).toBe(2);
    expect(await items.find({}, { projection: { _id: 0, k: 1, seen: 1, list: 1 } }).toArray()).toEqual([
      { k: "a", seen: ["yes"] },
      { k: "b", seen: ["yes"] },
    ]);
  });

  it("applies $set, $unset, $inc, $min, $max and $push through sub-documents, and refuses what mongod refuses", async () => {
    const items = db().collection("ops");
    const early = new Date("2026-01-01T00:00:00Z");
    const late = new Date("2026-02-01T00:00:00Z");
    await items.insertOne({ _id: 1 as never, n: 1, top: 50, when: late, list: [1], sub: { keep: true, gone: 1 }, text: "a" });
    await items.updateOne({ _id: 1 as never }, {
      $set: { "new.deep.x": "made", "sub.added": [1, { y: 2 }] },
      $unset: { "sub.gone": "", "missing.path": "" },
      $inc: { n: 2, fresh: 5 },
      $min: { when: early, low: 3 },
      $max: { top: 100, high: late },
      $push: { list: { $each: [2, 3, 4], $slice: -3 }, pushed: { a: 1 } },
    } as never);
    expect(await items.findOne({ _id: 1 as never })).toEqual({
      _id: 1, n: 3, top: 100, when: early, list: [2, 3, 4], sub: { keep: true, added: [1, { y: 2 }] }, text: "a",
      new: { deep: { x: "made" } }, fresh: 5, low: 3, high: late, pushed: [{ a: 1 }],
    });
    // $min keeps the smaller, $slice: 0 empties, a value of another type is ordered as mongod orders types.
    await items.updateOne({ _id: 1 as never }, { $min: { top: 500, text: 7 }, $push: { list: { $each: [9], $slice: 0 } } } as never);
    expect(await items.findOne({ _id: 1 as never }, { projection: { _id: 0, top: 1, text: 1, list: 1 } })).toEqual({ top: 100, text: 7, list: [] });
    await expect(items.updateOne({ _id: 1 as never }, { $inc: { text: "x" } } as never)).rejects.toThrow();
    await expect(items.updateOne({ _id: 1 as never }, { $set: { "sub.keep": 1 }, $unset: { sub: "" } })).rejects.toThrow();
    await expect(items.updateOne({ _id: 1 as never }, { $push: { n: 1 } } as never)).rejects.toThrow();
    await expect(items.updateOne({ _id: 1 as never }, { $set: { _id: 2 } } as never)).rejects.toThrow();
    expect(await items.findOne({ _id: 1 as never }, { projection: { _id: 0, n: 1, top: 1, list: 1 } })).toEqual({ n: 3, top: 100, list: [] });
  });

  it("upserts from the query's equality fields with $setOnInsert", async () => {
    const items = db().collection("u");
    const first = await items.updateOne({ key: "m-3", month: 3 }, { $set: { count: 1 }, $setOnInsert: { createdBy: "a" } }, { upsert: true });
    expect(first.upsertedCount).toBe(1);
    const second = await items.updateOne({ key: "m-3", month: 3 }, { $set: { count: 2 }, $setOnInsert: { createdBy: "b" } }, { upsert: true });
    expect([second.matchedCount, second.upsertedCount]).toEqual([1, 0]);
    expect(await items.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ key: "m-3", month: 3, count: 2, createdBy: "a" }]);
  });

  it("replaces, finds-and-modifies, and deletes", async () => {
    const items = db().collection("f");
    await items.insertMany([{ k: 1, v: "a" }, { k: 2, v: "b" }, { k: 3, v: "c" }]);
    await items.replaceOne({ k: 1 }, { k: 1, w: "new" });
    expect(await items.findOne({ k: 1 }, { projection: { _id: 0 } })).toEqual({ k: 1, w: "new" });
    const before = await items.findOneAndUpdate({ k: 2 }, { $set: { v: "B" } }, { returnDocument: "before", projection: { _id: 0 } });
    expect(before).toEqual({ k: 2, v: "b" });
    const after = await items.findOneAndUpdate({ k: 9 }, { $set: { v: "z" } }, { upsert: true, returnDocument: "after", projection: { _id: 0 } });
    expect(after).toEqual({ k: 9, v: "z" });
    expect(await items.findOneAndDelete({ k: 3 }, { projection: { _id: 0 } })).toEqual({ k: 3, v: "c" });
    expect((await items.deleteMany({ k: { $gt: 1 } })).deletedCount).toBe(2);
    expect(await items.countDocuments()).toBe(1);
  });

  it("projects top-level fields kept, with and without _id, and leaves out fields a document lacks", async () => {
    const items = db().collection("p");
    await items.insertMany([{ _id: 1 as never, a: 1, b: { c: 2 }, list: [{ s: "x", t: 1 }] }, { _id: 2 as never, a: 2 }]);
    expect(await items.find({}, { projection: { b: 1, list: 1 } }).toArray()).toEqual([{ _id: 1, b: { c: 2 }, list: [{ s: "x", t: 1 }] }, { _id: 2 }]);
    expect(await items.find({ a: { $in: [1, 2] } }, { projection: { _id: 0, a: 1 }, limit: 1 }).toArray()).toEqual([{ a: 1 }]);
    expect(await items.findOneAndUpdate({ _id: 2 as never }, { $push: { list: { s: "y", t: 2 } } as never }, { returnDocument: "after", projection: { list: 1, missing: 1 } })).toEqual({ _id: 2, list: [{ s: "y", t: 2 }] });
    // Dotted and computed ones as mongod does them.
    expect(await items.findOne({ _id: 1 as never }, { projection: { "list.s": 1, "b.c": 1 } })).toEqual({ _id: 1, b: { c: 2 }, list: [{ s: "x" }] });
    expect(await items.findOne({ _id: 1 as never }, { projection: { _id: 0, b: 0, list: 0 } })).toEqual({ a: 1 });
  });

  it("refuses a filter with an unknown operator, even where no document is there to test", async () => {
    await expect(db().collection("nothing-here").insertOne({ a: 1 })).resolves.toBeTruthy();
    await db().collection("nothing-here").deleteMany({});
    await expect(db().collection("nothing-here").find({ a: { $nope: 1 } }).toArray()).rejects.toThrow(/unknown (query )?operator/i);
  });
});

describe("indexes", () => {
  it("enforces unique indexes with mongod's E11000 error", async () => {
    const items = db().collection("uniq");
    await items.createIndex({ code: 1 }, { unique: true });
    await items.insertOne({ code: "SNV" });
    const error = await items.insertOne({ code: "SNV" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { code: 1 }, keyValue: { code: "SNV" } });
    expect(String((error as Error).message)).toMatch(/^E11000 duplicate key error collection: .*uniq index: code_1 dup key/);
    await items.insertOne({ code: "STC" });
    const update = await items.updateOne({ code: "STC" }, { $set: { code: "SNV" } }).catch((e: unknown) => e);
    expect(update).toMatchObject({ code: 11000 });
    expect(await items.countDocuments({ code: "STC" })).toBe(1);
  });

  it("keeps going past duplicates in an unordered insert", async () => {
    const items = db().collection("unordered");
    await items.createIndex({ a: 1, b: 1 }, { unique: true });
    const error = await items
      .insertMany([{ a: 1, b: 1 }, { a: 1, b: 1 }, { a: 1, b: 2 }], { ordered: false })
      .catch((e: { code: number; writeErrors: unknown[] }) => e);
    expect(error).toMatchObject({ code: 11000 });
    expect(await items.countDocuments()).toBe(2);
  });

  it("honours sparse and partial unique indexes, and refuses one over duplicates", async () => {
    const items = db().collection("sparse");
    await items.createIndex({ telegramId: 1 }, { unique: true, sparse: true });
    await items.insertMany([{ name: "a" }, { name: "b" }]);
    await items.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await items.insertMany([{ email: "x", active: false }, { email: "x", active: false }, { email: "x", active: true }]);
    await expect(items.insertOne({ email: "x", active: true })).rejects.toMatchObject({ code: 11000 });
    await expect(items.createIndex({ name: 1 }, { unique: true, name: "dup_names" }).then(() => items.insertOne({ name: "a" }))).rejects.toMatchObject({ code: 11000 });
    await items.insertOne({ email: "y", active: false, name: "same" });
    await expect(db().collection("sparse").createIndex({ active: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
  });

  it("lists indexes and collections, and drops them", async () => {
    await db().collection("listed").createIndex({ code: 1 }, { unique: true, name: "code_unique" });
    const indexes = await db().collection("listed").listIndexes().toArray();
    expect(indexes.map((index) => [index.name, index.key, index.unique ?? false])).toEqual([
      ["_id_", { _id: 1 }, false],
      ["code_unique", { code: 1 }, true],
    ]);
    expect((await db().listCollections({ name: "listed" }).toArray()).map((c) => c.name)).toEqual(["listed"]);
    await db().collection("listed").dropIndex("code_unique");
    expect(await db().collection("listed").listIndexes().toArray()).toHaveLength(1);
    await db().collection("listed").drop();
    expect(await db().listCollections({ name: "listed" }).toArray()).toEqual([]);
  });
});

describe("mongoose on this backend", () => {
  const Agency = mongoose.model("ConformanceAgency", new mongoose.Schema({ code: { type: String, unique: true, required: true }, name: String }));
  const Report = mongoose.model(
    "ConformanceReport",
    new mongoose.Schema({ agency: { type: mongoose.Schema.Types.ObjectId, ref: "ConformanceAgency" }, percent: Number }, { timestamps: true }),
  );

  it("creates, populates and reports duplicate keys", async () => {
    await Agency.init();
    const agency = await Agency.create({ code: "SNV", name: "Sở Nội vụ" });
    await Report.create({ agency: agency._id, percent: 50 });
    const report = (await Report.findOne().populate("agency").lean()) as { agency: { name: string }; createdAt: Date } | null;
    expect(report?.agency.name).toBe("Sở Nội vụ");
    expect(report?.createdAt).toBeInstanceOf(Date);
    await expect(Agency.create({ code: "SNV", name: "again" })).rejects.toMatchObject({ code: 11000 });
  });
});

describe("what only a real mongod does", () => {
  it.skipIf(onEmulator())("transactions (emulator: a standalone server without transactions)", async () => {
    const session = await mongoose.startSession();
    try {
      const error = await session
        .withTransaction(async () => {
          await db().collection("tx").insertOne({ a: 1 }, { session });
        })
        .catch((e: unknown) => e);
      // A standalone mongod refuses transactions just as a replica set accepts them: both are real answers.
      if (error) expect(String((error as Error).message)).toMatch(/replica set|Transaction/);
      else expect(await db().collection("tx").countDocuments()).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it.skipIf(onEmulator())("$text search (emulator: no text indexes)", async () => {
    await db().collection("texts").createIndex({ body: "text" });
    await db().collection("texts").insertMany([{ body: "thi đua khen thưởng" }, { body: "báo cáo" }]);
    expect(await db().collection("texts").countDocuments({ $text: { $search: "khen" } })).toBe(1);
  });

  it.skipIf(onEmulator())("exact numeric types (emulator: numbers come back as JavaScript numbers)", async () => {
    await db().collection("numbers").insertOne({ whole: new Double(1), small: new Int32(1) });
    const back = await db().collection("numbers").findOne({}, { promoteValues: false });
    expect(back?.whole).toBeInstanceOf(Double);
    expect(back?.small).toBeInstanceOf(Int32);
  });
});
