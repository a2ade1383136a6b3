import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { repoPath } from "../support/sample-files.ts";

const read = (name: string) => parsePlan(readFileSync(repoPath(`test/fixtures/plans/${name}`), "utf8"));

describe("a plan in the same style from another province", () => {
  const plan = read("dien-bien-2024.txt");
  const task = (begins: string) => {
    const found = plan.milestones.find((m) => m.text.startsWith(begins));
    expect(found, begins).toBeDefined();
    return found!;
  };

  it("reads the issuer from the header lines", () => {
    expect(plan).toMatchObject({
      title: "Kế hoạch công tác thi đua, khen thưởng năm 2024",
      year: 2024,
      issuer: "Ủy ban nhân dân tỉnh Điện Biên",
      number: "12/KH-UBND",
      issuedOn: "2024-02-05",
    });
  });

  it("reads HTML list items and entities", () => {
    expect(task("Tuyên truyền gương").text).toBe("Tuyên truyền gương điển hình tiên tiến trên Báo Điện Biên Phủ & Đài PT-TH tỉnh.");
    expect(task("Phát động").text).toContain("“Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau”");
    expect(task("Phát động")).toMatchObject({ recurring: true, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(task("Phát động").units[0]).toEqual({ name: "Hội đồng Thi đua – Khen thưởng tỉnh", role: "lead" });
  });

  it("continues a row split across pages, units included", () => {
    const split = task("Xét khen");
    expect(split.text).toBe("Xét khen thưởng cho ngành giáo dục năm học 2023 - 2024.");
    expect(split.row).toBe("2");
    expect(split.months).toEqual([6, 7, 8]);
    expect(split.units.map((u) => u.name)).toEqual([
      "Sở Giáo dục và Đào tạo",
      "Ban Thi đua - Khen thưởng, Sở Nội vụ",
      "UBND các huyện, thị xã, thành phố",
    ]);
  });

  it("reads a deadline and names with commas", () => {
    expect(task("Trình Thủ tướng")).toMatchObject({
      row: "3",
      months: [11],
      due: "2024-11-15",
      units: [
        { name: "Trung tâm Phục vụ hành chính công, Xúc tiến đầu tư và hỗ trợ doanh nghiệp tỉnh", role: "lead" },
        { name: "Các sở, ban, ngành", role: "coordinating" },
      ],
    });
  });

  it("joins a row that wraps over lines", () => {
    expect(task("Kiểm tra công tác")).toMatchObject({ row: "4", months: [4, 5, 6, 7, 8, 9], allAgencies: true, allAgenciesRole: "lead", units: [] });
    expect(task("Tập huấn nghiệp vụ").row).toBe("4");
  });

  it("recovers months that slid into the units cell, with a warning", () => {
    expect(task("Sơ kết 6 tháng")).toMatchObject({ row: "5", months: [6, 7], allAgencies: true });
    expect(plan.warnings.find((w) => w.code === "time-recovered")).toMatchObject({ row: "5", params: { months: "6, 7" } });
  });

  it("warns about unreadable time and keeps an unnumbered list row apart", () => {
    expect(task("Tổ chức Hội nghị")).toMatchObject({ row: "6", months: [] });
    expect(plan.warnings.find((w) => w.code === "time-unreadable")).toMatchObject({ row: "6" });
    expect(task("Bình xét danh hiệu")).toMatchObject({ row: null, months: [10, 11, 12] });
    expect(plan.warnings.find((w) => w.code === "unnumbered-row")).toMatchObject({ row: null, params: { after: "6" } });
  });

  it("stops at the end of the table", () => {
    expect(plan.milestones).toHaveLength(10);
    expect(plan.milestones.some((m) => m.text.includes("thực hiện kế hoạch này"))).toBe(false);
  });
});

describe("a plan with separate lead and coordinating columns", () => {
  const plan = read("lao-cai-2025.txt");

  it("takes every unit of the second column as coordinating", () => {
    expect(plan.issuer).toBe("Hội đồng Thi đua – Khen thưởng tỉnh Lào Cai");
    expect(plan.title).toBe("Kế hoạch hoạt động của Hội đồng Thi đua – Khen thưởng tỉnh năm 2025");
    expect(plan.milestones[0]).toMatchObject({
      row: "1",
      months: [1, 2, 3],
      units: [
        { name: "Ban Thi đua - Khen thưởng", role: "lead" },
        { name: "Các sở, ban, ngành", role: "coordinating" },
        { name: "UBND các huyện", role: "coordinating" },
      ],
    });
    expect(plan.milestones[1]).toMatchObject({ months: [7, 8, 9, 10, 11, 12], allAgencies: true, allAgenciesRole: "coordinating" });
    expect(plan.warnings).toEqual([]);
  });
});

describe("a document with no task table", () => {
  it("says so instead of inventing tasks", () => {
    const plan = parsePlan("KẾ HOẠCH\nCông tác năm 2024\n\nKhông có bảng.");
    expect(plan.milestones).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["no-table"]);
  });
});
