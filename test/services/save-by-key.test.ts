import { describe, expect, it } from "vitest";
import { AwardTypeModel } from "../../models/award-type.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();

/** Two instances starting at once on a new database both seed the award catalogue: neither fails. */
describe("saving by key", () => {
  it("lets two processes seed the same catalogue at the same moment", async () => {
    await AwardTypeModel.init();
    await Promise.all([ensureAwardCatalogue(), ensureAwardCatalogue(), ensureAwardCatalogue()]);
    const codes = (await AwardTypeModel.find().lean()).map((award) => award.code);
    expect(codes.length).toBeGreaterThan(5);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
