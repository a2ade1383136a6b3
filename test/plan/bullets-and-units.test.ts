import { describe, expect, it } from "vitest";
import { splitBullets } from "../../src/plan/bullets.ts";
import { collapseSpaces, htmlToText } from "../../src/plan/plain-text.ts";
import { meansEveryAgency, parseUnits } from "../../src/plan/units.ts";

describe("list items in a cell", () => {
  it("splits on list dashes at the start, after a sentence, and before a capitalised item", () => {
    expect(splitBullets("- Một việc.- Hai việc - Ba việc; - Bốn").items).toEqual(["Một việc.", "Hai việc", "Ba việc;", "Bốn"]);
  });

  it("keeps hyphens inside text", () => {
    const cell = "- Phát triển kinh tế - xã hội năm học 2017 - 2018 giai đoạn 2016-2020";
    expect(splitBullets(cell).items).toEqual(["Phát triển kinh tế - xã hội năm học 2017 - 2018 giai đoạn 2016-2020"]);
  });

  it("keeps dashes inside quoted movement names, curly or straight", () => {
    expect(splitBullets("- Phong trào “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” năm 2024").items).toHaveLength(1);
    expect(splitBullets('- Phong trào "Lai Châu chung tay - Không để ai bị bỏ lại" - Việc khác').items).toEqual([
      'Phong trào "Lai Châu chung tay - Không để ai bị bỏ lại"',
      "Việc khác",
    ]);
    expect(splitBullets("- Phong trào «Thi đua – Khen thưởng» tốt").items).toHaveLength(1);
  });

  it("does not let an unclosed quotation swallow the next items", () => {
    expect(splitBullets("- Phong trào “Đẩy mạnh thi đua năm 2024.- Tổ chức hội nghị").items).toEqual([
      "Phong trào “Đẩy mạnh thi đua năm 2024.",
      "Tổ chức hội nghị",
    ]);
  });

  it("keeps the Council's name whole", () => {
    expect(splitBullets("- Hội đồng Thi đua - Khen thưởng tỉnh - Sở Nội vụ").items).toEqual(["Hội đồng Thi đua - Khen thưởng tỉnh", "Sở Nội vụ"]);
  });

  it("returns the fragment before the first item as the lead", () => {
    expect(splitBullets("2019. - Việc tiếp theo")).toEqual({ lead: "2019.", items: ["Việc tiếp theo"] });
    expect(splitBullets(htmlToText("<p>thưởng cho ngành giáo dục.</p> <ul><li>Việc A</li><li>Việc B</li></ul>"))).toEqual({
      lead: "thưởng cho ngành giáo dục.",
      items: ["Việc A", "Việc B"],
    });
  });

  it("decodes entities and removes tags", () => {
    expect(collapseSpaces(htmlToText("<p>Ban TĐKT&nbsp;&amp; Sở Nội vụ &#273;</p>"))).toBe("Ban TĐKT & Sở Nội vụ đ");
  });
});

describe("units in a cell", () => {
  it("splits on semicolons and dashes, never on commas; the first leads", () => {
    const parsed = parseUnits(
      "- Trung tâm Phục vụ hành chính công, Xúc tiến đầu tư và hỗ trợ doanh nghiệp tỉnh; Sở Kế hoạch và Đầu tư - Ban TĐKT, Sở Nội vụ.",
    );
    expect(parsed.units).toEqual([
      { name: "Trung tâm Phục vụ hành chính công, Xúc tiến đầu tư và hỗ trợ doanh nghiệp tỉnh", role: "lead" },
      { name: "Sở Kế hoạch và Đầu tư", role: "coordinating" },
      { name: "Ban TĐKT, Sở Nội vụ", role: "coordinating" },
    ]);
    expect(parsed.allAgencies).toBe(false);
  });

  it("reads 'every agency' phrases as a flag, with the role of their place", () => {
    expect(parseUnits("- Sở Nội vụ; - Các cơ quan, đơn vị, địa phương.")).toEqual({
      units: [{ name: "Sở Nội vụ", role: "lead" }],
      allAgencies: true,
      allAgenciesRole: "coordinating",
    });
    for (const phrase of ["Các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị địa phương", "Các cơ quan, đơn vị", "Các khối thi đua của tỉnh", "Tất cả các đơn vị trong tỉnh"]) {
      expect(meansEveryAgency(phrase), phrase).toBe(true);
    }
    for (const phrase of ["Các cơ quan thông tin đại chúng", "Các sở, ban, ngành", "UBND các huyện, thành phố", "Sở Nội vụ"]) {
      expect(meansEveryAgency(phrase), phrase).toBe(false);
    }
  });

  it("splits names separated by a full stop but not abbreviations", () => {
    expect(parseUnits("Sở Nội vụ. Sở Tài chính").units.map((u) => u.name)).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
    expect(parseUnits("TT. Tỉnh ủy").units.map((u) => u.name)).toEqual(["TT. Tỉnh ủy"]);
  });

  it("lists a unit once", () => {
    expect(parseUnits("- UBND tỉnh; - UBND tỉnh").units).toHaveLength(1);
  });
});
