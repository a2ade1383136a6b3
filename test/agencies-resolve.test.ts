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

  it("reads two groups joined in one unit, and the groups of the two-level administration", () => {
    expect(directory.resolve("Các sở, ban, ngành, UBND các huyện, thành phố")).toMatchObject({ agencyIds: ["snv", "stc", "td"], match: "group" });
    expect(directory.resolve("Sở Tài chính, Báo Lai Châu, UBND tỉnh")).toMatchObject({ agencyIds: ["stc", "blc", "ubnd"], match: "parts" });
  });
});

describe("a directory after the 2025 reorganisation", () => {
  // Sở LĐTBXH merged into Sở Nội vụ; huyện Tam Đường abolished, its work with xã Tam Đường; a retired agency without successor.
  const reorganised = new AgencyDirectory([
    { id: "snv", code: "SNV", name: "Sở Nội vụ", aliases: [], kind: "department", bloc: "KTH" },
    { id: "sldtbxh", code: "SLDTBXH", name: "Sở Lao động – Thương binh và Xã hội", aliases: ["Sở LĐTBXH"], kind: "department", bloc: "KVX", active: false, successorId: "snv" },
    { id: "td", code: "TAMDUONG", name: "UBND huyện Tam Đường", aliases: ["huyện Tam Đường"], kind: "district", bloc: "KHUYEN1", active: false, successorId: "xtd" },
    { id: "pt", code: "PHONGTHO", name: "UBND huyện Phong Thổ", aliases: [], kind: "district", active: false, successorId: "xpt" },
    { id: "xtd", code: "XTAMDUONG", name: "UBND xã Tam Đường", aliases: [], kind: "commune", bloc: "KXA1" },
    { id: "xpt", code: "XPHONGTHO", name: "UBND xã Phong Thổ", aliases: [], kind: "commune" },
    { id: "ptan", code: "PTANPHONG", name: "UBND phường Tân Phong", aliases: [], kind: "commune", bloc: "KXA1" },
    { id: "old", code: "BQLDA", name: "Ban Quản lý dự án cũ", aliases: [], kind: "other", active: false },
  ]);

  it("leads old names to their successor, and a retired agency to nobody", () => {
    expect(reorganised.resolve("Sở Lao động - Thương binh và Xã hội").agencyIds).toEqual(["snv"]);
    expect(reorganised.resolve("Sở LĐTBXH, Sở Nội vụ")).toMatchObject({ agencyIds: ["snv"], match: "parts" });
    expect(reorganised.resolve("Ban Quản lý dự án cũ")).toMatchObject({ agencyIds: [], match: "none" });
  });

  it("resolves the group phrases to the sets in force", () => {
    expect(reorganised.resolve("UBND các xã, phường").agencyIds).toEqual(["xtd", "xpt", "ptan"]);
    // An old plan's districts lead to the communes that took their work.
    expect(reorganised.resolve("UBND các huyện, thành phố").agencyIds).toEqual(["xtd", "xpt"]);
    expect(reorganised.resolve("Các cụm, khối thi đua").agencyIds).toEqual(["snv", "xtd", "ptan"]);
    expect(reorganised.resolve("Các sở, ban, ngành").agencyIds).toEqual(["snv"]);
  });
});
