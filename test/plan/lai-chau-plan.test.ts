import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { readLaiChauPlan } from "../support/sample-files.ts";

const plan = parsePlan(readLaiChauPlan());
const ALL_YEAR = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** [row, months, how the task text begins, how it ends] for all 32 tasks, in document order. */
const EXPECTED: [string | null, number[], string, string][] = [
  ["1", ALL_YEAR, "Tuyên truyền, phổ biến, giới thiệu", "“gương người tốt việc tốt” của tỉnh."],
  ["1", ALL_YEAR, "Tổ chức phát động Phong trào thi đua", "trong năm của đất nước, của tỉnh."],
  ["1", ALL_YEAR, "Chỉ đạo, theo dõi, kiểm tra, đôn đốc", "“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”."],
  [null, [], "Bình xét khen thưởng hoàn thành nhiệm vụ năm 2017", "nhiệm vụ năm 2017"],
  [null, [], "Họp Hội đồng TĐKT tỉnh xét các danh hiệu", "hoàn thành xuất sắc nhiệm vụ năm 2017"],
  [null, [], "Xây dựng báo cáo tổng kết công tác TĐKT năm 2017", "Miền núi Biên giới phía Bắc."],
  ["2", [], "Tổng kết công tác thi đua, khen thưởng năm 2017; triển khai", "giữa 12 khối thi đua của tỉnh."],
  ["3", [2, 3], "Quyết định khen thưởng thành tích", "nhiệm vụ năm 2017"],
  ["3", [2, 3], "Tổ chức Hội nghị tổng kết phong trào thi đua", "triển khai công tác năm 2018."],
  ["3", [2, 3], "Phát động phong trào thi đua phấn đấu", "kinh tế - xã hội năm 2018."],
  ["3", [2, 3], "Đăng ký chỉ tiêu Thi đua", "Miền núi Biên giới phía Bắc."],
  ["4", [], "Tham dự hội nghị tổng kết", "tại tỉnh Lào Cai."],
  ["4", [], "Hoàn thiện hồ sơ, thủ tục Đề nghị Chủ tịch nước", "nhiệm vụ năm 2017."],
  ["5", [4, 5, 6], "Phối hợp với Ban Tuyên giáo Tỉnh ủy", "phong cách Hồ Chí Minh năm 2018."],
  ["5", [4, 5, 6], "Hướng dẫn tổng kết phong trào thi đua lập thành tích", "ngày lễ lớn của tỉnh năm 2018."],
  ["5", [4, 5, 6], "Hướng dẫn các huyện, thành phố xét khen thưởng cho ngành giáo dục", "năm học 2017 - 2018."],
  ["5", [4, 5, 6], "Hướng dẫn các đơn vị, địa phương trong tỉnh tổng kết", "(11/6/1948-11/6/2018)"],
  ["5", [4, 5, 6], "Tổ chức kỷ niệm 70 năm ngày Chủ tịch Hồ Chí Minh", "thi đua ái quốc."],
  ["6", [4, 5, 6, 7, 8, 9], "Kiểm tra công tác Thi đua, Khen thưởng năm 2018", "một số đơn vị, địa phương."],
  ["6", [4, 5, 6, 7, 8, 9], "Tập huấn nghiệp vụ công tác thi đua", "các huyện, thành phố."],
  ["7", [6, 7], "Tổ chức Hội nghị sơ kết công tác Thi đua", "tại Lai Châu."],
  ["7", [6, 7], "Sơ kết công tác Thi đua, Khen thưởng 6 tháng đầu năm 2018", "của tỉnh."],
  ["7", [6, 7], "Họp Hội đồng TĐKT tỉnh kỳ thứ II", "năm học 2017 - 2018."],
  ["7", [6, 7], "Quyết định khen thưởng cho các tập thể, cá nhân", "năm học 2017 - 2018."],
  ["7", [6, 7], "Hoàn thiện hồ sơ, thủ tục trình khen thưởng cấp Nhà nước", "chia tách thành lập tỉnh."],
  ["9", [8, 9, 10], "Hoàn thiện hồ sơ và đề nghị Chủ tịch nước", "năm học 2017 - 2018."],
  ["9", [8, 9, 10], "Thường trực Hội đồng TĐKT tiếp tục kiểm tra", "phong trào thi đua năm 2018."],
  ["9", [8, 9, 10], "Hướng dẫn các đơn vị, địa phương trong tỉnh tổng kết phong trào thi đua lập thành tích", "của tỉnh trong năm 2019."],
  ["11", [11, 12], "Xét khen thưởng cho các tập thể, cá nhân", "chia tách thành lập tỉnh."],
  ["11", [11, 12], "Hướng dẫn tổng kết công tác thi đua, khen thưởng năm 2018.", "năm 2018."],
  ["11", [11, 12], "Báo cáo tổng kết công tác thi đua, khen thưởng của tỉnh năm 2018.", "năm 2018."],
  ["11", [11, 12], "Báo cáo tổng kết, bảng tự chấm điểm", "Miền núi Biên giới phía Bắc năm 2018."],
];

describe("the Lai Châu 2018 plan", () => {
  it("reads the header facts", () => {
    expect(plan.title).toBe("Kế hoạch công tác thi đua, khen thưởng năm 2018");
    expect(plan.year).toBe(2018);
    expect(plan.number).toBe("69/KH-UBND");
    expect(plan.issuedOn).toBe("2018-01-11");
    expect(plan.issuer).toBe("Ủy ban nhân dân tỉnh Lai Châu");
  });

  it("finds the 32 tasks, task by task", () => {
    expect(plan.milestones).toHaveLength(32);
    plan.milestones.forEach((milestone, index) => {
      const [row, months, begins, ends] = EXPECTED[index]!;
      expect({ index, row: milestone.row, months: milestone.months }).toEqual({ index, row, months });
      expect(milestone.text.startsWith(begins), `task ${index + 1}: ${milestone.text}`).toBe(true);
      expect(milestone.text.endsWith(ends), `task ${index + 1}: ${milestone.text}`).toBe(true);
    });
  });

  it("keeps only row 1 recurring", () => {
    expect(plan.milestones.filter((m) => m.recurring).map((m) => m.row)).toEqual(["1", "1", "1"]);
  });

  it("joins rows split across pages into the task they complete", () => {
    const texts = plan.milestones.map((m) => m.text);
    expect(texts).toContain("Hướng dẫn các huyện, thành phố xét khen thưởng cho ngành giáo dục trong năm học 2017 - 2018.");
    expect(texts[2]).toMatch(/phong cách Hồ Chí Minh”\.$/);
    expect(texts[27]).toBe(
      "Hướng dẫn các đơn vị, địa phương trong tỉnh tổng kết phong trào thi đua lập thành tích chào mừng các sự kiện lịch sử của tỉnh trong năm 2019.",
    );
  });

  it("does not split hyphens inside text or quoted movement names", () => {
    const movement = plan.milestones[2]!.text;
    expect(movement).toContain("“Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2016 - 2020");
    expect(plan.milestones[9]!.text).toContain("kinh tế - xã hội");
  });

  it("leaves no HTML and keeps Vietnamese in NFC", () => {
    for (const milestone of plan.milestones) {
      expect(milestone.text).not.toMatch(/<[^>]+>|&[a-z]+;/i);
      expect(milestone.text).toBe(milestone.text.normalize("NFC"));
      for (const unit of milestone.units) expect(unit.name).not.toMatch(/<|>/);
    }
  });

  it("reads lead and coordinating units without splitting names on commas", () => {
    const row = (number: string) => plan.milestones.find((m) => m.row === number)!;
    expect(row("1").allAgencies).toBe(true);
    expect(row("1").allAgenciesRole).toBe("lead");
    expect(row("1").units).toEqual([
      { name: "Báo Lai Châu", role: "coordinating" },
      { name: "Đài PTTH tỉnh", role: "coordinating" },
      { name: "Phân xã TTXVN tại tỉnh Lai Châu", role: "coordinating" },
      { name: "Cổng Thông tin điện tử tỉnh", role: "coordinating" },
    ]);
    expect(row("3").units).toEqual([
      { name: "UBND tỉnh", role: "lead" },
      { name: "HĐ TĐKT tỉnh", role: "coordinating" },
    ]);
    expect(row("3").allAgenciesRole).toBe("coordinating");
    expect(row("4").units.map((u) => u.name)).toEqual(["UBND tỉnh", "HĐ TĐKT tỉnh", "Ban TĐKT, Sở Nội vụ"]);
    expect(row("5").units.map((u) => u.name)).toEqual(["UBND tỉnh", "HĐ TĐKT tỉnh", "Ban TĐKT tỉnh"]);
    expect(row("6").units[0]).toEqual({ name: "HĐ TĐKT tỉnh", role: "lead" });
    expect(row("11").units.map((u) => u.name)).toEqual(["UBND tỉnh", "HĐ TĐKT tỉnh", "Ban TĐKT tỉnh"]);
    expect(row("11").allAgencies).toBe(true);
  });

  it("warns about what it could not read, by row, and guesses nothing", () => {
    const byCode = (code: string) => plan.warnings.filter((w) => w.code === code).map((w) => w.row);
    expect(byCode("time-missing")).toEqual([null, "2", "4"]);
    expect(byCode("units-missing")).toEqual([null]);
    expect(byCode("unnumbered-row")).toEqual([null]);
    expect(byCode("time-recovered")).toEqual(["11"]);
    expect(byCode("row-numbers-skip")).toEqual(["9", "11"]);
    expect(plan.warnings).toHaveLength(8);
  });
});
