import { describe, expect, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { readAgencyCsv, type AgencyRow } from "../../src/agencies/agency-csv.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { useTestDatabase } from "../support/test-database.ts";

const NOW = new Date("2026-01-05T02:00:00Z");

/**
 * A directory of hundreds or thousands of agencies is read from the database at once and the new ones
 * written together: the counts stay honest (created, updated, unchanged), and two imports at the
 * same moment (two instances starting) leave one agency per code.
 */
useTestDatabase();

function directory(count: number, alias = ""): AgencyRow[] {
  const lines = ["code,name,kind,bloc_code,bloc_name,aliases", ...Array.from({ length: count }, (_, i) => `XA${i},Ủy ban nhân dân xã Số ${i},commune,KX,Khối xã,Xã Số ${i}${alias}`)];
  const read = readAgencyCsv(lines.join("\n"));
  if (!("rows" in read)) throw new Error("the directory does not read");
  return read.rows;
}

describe("a large directory", { timeout: 60_000 }, () => {
  it("is created, then left unchanged, then updated with new aliases kept beside the old", async () => {
    expect(await importAgencies(directory(500), { via: "cli" }, NOW)).toMatchObject({ created: 500, updated: 0, unchanged: 0 });
    expect(await importAgencies(directory(500), { via: "cli" }, NOW)).toMatchObject({ created: 0, updated: 0, unchanged: 500 });
    expect(await importAgencies(directory(501, "|UBND xã"), { via: "cli" }, NOW)).toMatchObject({ created: 1, updated: 500, unchanged: 0 });
    const agency = await AgencyModel.findOne({ code: "XA7" }).lean();
    expect(agency?.aliases).toEqual(["Xã Số 7", "UBND xã"]);
    // Names plans use are indexed for new agencies as for updated ones.
    expect(agency?.nameKeys.length).toBeGreaterThan(1);
    expect((await AgencyModel.findOne({ code: "XA500" }).lean())?.nameKeys.length).toBeGreaterThan(1);
  });

  it("imported twice at the same moment leaves one agency per code", async () => {
    const [first, second] = await Promise.all([importAgencies(directory(300), { via: "cli" }, NOW), importAgencies(directory(300), { via: "cli" }, NOW)]);
    expect(first.created + second.created).toBeGreaterThanOrEqual(300);
    expect(await AgencyModel.countDocuments()).toBe(300);
  });
});
