import { describe, expect, it } from "vitest";
import { AwardTypeModel } from "../../models/award-type.ts";
import { MemberModel } from "../../models/member.ts";
import { prepareAdminAccess } from "../../src/services/bootstrap.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();

/** Two instances starting at once on a new database: what each does at start-up, neither fails. */
describe("the award catalogue", () => {
  it("lets two processes seed the same catalogue at the same moment", async () => {
    await AwardTypeModel.init();
    await Promise.all([ensureAwardCatalogue(new Date()), ensureAwardCatalogue(new Date()), ensureAwardCatalogue(new Date())]);
    const codes = (await AwardTypeModel.find().lean()).map((award) => award.code);
    expect(codes.length).toBeGreaterThan(5);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("the first administrators", () => {
  it("are made once when two instances start at the same moment", async () => {
    await MemberModel.init();
    const request = { adminIds: [700001, 700002], ttlHours: 72, now: new Date("2026-03-02T01:00:00Z") };
    const results = await Promise.all([prepareAdminAccess(request), prepareAdminAccess(request)]);
    expect(results.map((r) => r.kind)).toEqual(["admin-exists", "admin-exists"]);
    expect(await MemberModel.countDocuments({ "roles.role": "admin" })).toBe(2);
  });
});
