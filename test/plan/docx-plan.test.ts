import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planTextFromDocx, planTextFromHtml } from "../../src/plan/docx-plan.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { readLaiChauPlan, repoPath } from "../support/sample-files.ts";

describe("a plan sent as a Word document", () => {
  it("reads the Lai Châu table into the same 32 tasks, the merged time cell holding for both rows", async () => {
    const text = await planTextFromDocx(readFileSync(repoPath("test/fixtures/plans/lai-chau-2018.docx")));
    const fromWord = parsePlan(text);
    const fromText = parsePlan(readLaiChauPlan());
    expect(fromWord).toMatchObject({ title: fromText.title, year: 2018, number: "69/KH-UBND", issuedOn: "2018-01-11", issuer: "Ủy ban nhân dân tỉnh Lai Châu" });
    expect(fromWord.milestones).toHaveLength(32);
    expect(fromWord.milestones.map((m) => m.text)).toEqual(fromText.milestones.map((m) => m.text));
    expect(fromWord.milestones.map((m) => m.row)).toEqual(fromText.milestones.map((m) => m.row));
    // Rows 3 and 4 share one time cell in the Word table.
    expect(fromWord.milestones.filter((m) => m.row === "4").map((m) => m.months)).toEqual([
      [2, 3],
      [2, 3],
    ]);
    expect(fromWord.milestones.find((m) => m.row === "11")!.months).toEqual([11, 12]);
    expect(fromWord.warnings.filter((w) => w.code === "time-missing").map((w) => w.row)).toEqual([null, "2"]);
  });

  it("keeps cells apart and spreads a merged cell over the rows it spans", () => {
    const html =
      "<p>KẾ HOẠCH</p><p>Công tác năm 2024</p><table><tr><td>TT</td><td>Nội dung</td><td>Đơn vị chủ trì</td><td>Thời gian</td></tr>" +
      '<tr><td>1</td><td><ul><li>Việc một</li><li>Việc hai</li></ul></td><td>Sở Nội vụ</td><td rowspan="2">Quý I</td></tr>' +
      "<tr><td>2</td><td><p>- Việc ba</p></td><td>Sở Tài chính</td></tr></table>";
    expect(planTextFromHtml(html).split("\n")).toContain("2\t- Việc ba\tSở Tài chính\tQuý I");
    const plan = parsePlan(planTextFromHtml(html));
    expect(plan.milestones.map((m) => [m.row, m.text, m.months.join(",")])).toEqual([
      ["1", "Việc một", "1,2,3"],
      ["1", "Việc hai", "1,2,3"],
      ["2", "Việc ba", "1,2,3"],
    ]);
  });

  it("keeps a table nested in a cell inside that cell, with every later column", () => {
    const html =
      "<table><tr><td>TT</td><td>Nội dung</td><td>Đơn vị chủ trì</td><td>Thời gian</td></tr>" +
      "<tr><td>1</td><td><p>Tổng kết phong trào</p><table><tr><td>Khối</td><td>Số lượng</td></tr><tr><td>Sở</td><td>12</td></tr></table></td><td>Sở Nội vụ</td><td>Tháng 11</td></tr></table>";
    expect(planTextFromHtml(html)).toContain("1\tTổng kết phong trào\nKhối Số lượng\nSở 12\tSở Nội vụ\tTháng 11");
    const plan = parsePlan(planTextFromHtml(html));
    expect(plan.milestones.map((m) => [m.row, m.months.join(","), m.units.map((u) => u.name).join("|")])).toEqual([["1", "11", "Sở Nội vụ"]]);
  });
});
