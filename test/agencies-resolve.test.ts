import { describe, expect, it } from "vitest";
import { AgencyDirectory, type DirectoryAgency } from "../src/agencies/resolve-units.ts";

const agencies: DirectoryAgency[] = [
  { id: "snv", code: "SNV", name: "Sở Nội vụ", aliases: ["Ban TĐKT tỉnh", "Ban TĐKT, Sở Nội vụ", "Ban Thi đua – Khen thưởng"], kind: "department" },
  { id: "hd", code: "HDTDKT", name: "Hội đồng Thi đua – Khen thưởng tỉnh", aliases: ["HĐ TĐKT tỉnh", "Hội đồng TĐKT tỉnh"], kind: "council" },
  { id: "ubnd", code: "UBND", name: "Ủy ban nhân dân tỉnh", aliases: ["UBND tỉnh"], kind: "people-committee" },
  { id: "stc", code: "STC", name: "Sở Tài chính", aliases: [], kind: "department" },
  { id: "td", code: "TAMDUONG", name: "UBND huyện Tam Đường", aliases: ["Tam Đường"], kind: "district" },
  { id: "blc", code: "BAOLC", name: "Báo Lai Châu", aliases: [], kind: "press" },
];
const directory = new AgencyDirectory(agencies);

describe("resolving a plan's units to agencies", () => {
  it("matches names and aliases whatever the dash, tone placement, case and punctuation", () => {
    expect(directory.resolve("Hội đồng Thi đua - Khen thưởng tỉnh").agencyIds).toEqual(["hd"]);
    expect(directory.resolve("Uỷ ban nhân dân tỉnh").agencyIds).toEqual(["ubnd"]);
    expect(directory.resolve("ban tđkt tỉnh.").agencyIds).toEqual(["snv"]);
    expect(directory.resolve("Ban Thi đua - Khen thưởng").agencyIds).toEqual(["snv"]);
    expect(directory.resolve("Ban TĐKT, Sở Nội vụ")).toEqual({ name: "Ban TĐKT, Sở Nội vụ", agencyIds: ["snv"], match: "name" });
  });

  it("splits on commas only when every part is an agency", () => {
    expect(directory.resolve("Hội đồng TĐKT tỉnh, Ban TĐKT tỉnh")).toMatchObject({ agencyIds: ["hd", "snv"], match: "parts" });
    expect(directory.resolve("Trung tâm Phục vụ hành chính công, Xúc tiến đầu tư")).toMatchObject({ agencyIds: [], match: "none" });
  });

  it("reads groups by kind", () => {
    expect(directory.resolve("Các sở, ban, ngành")).toMatchObject({ agencyIds: ["snv", "stc"], match: "group" });
    expect(directory.resolve("UBND các huyện, thành phố")).toMatchObject({ agencyIds: ["td"], match: "group" });
    expect(directory.resolve("Các cơ quan thông tin đại chúng của tỉnh")).toMatchObject({ agencyIds: ["blc"], match: "group" });
  });

  it("says when it cannot tell", () => {
    expect(directory.resolve("Sở Ngoại vụ")).toEqual({ name: "Sở Ngoại vụ", agencyIds: [], match: "none" });
  });
});
