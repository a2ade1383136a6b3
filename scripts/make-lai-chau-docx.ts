import { readFileSync, writeFileSync } from "node:fs";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from "docx";
import { parsePlan } from "../src/plan/parse-plan.ts";

/**
 * `npm run fixtures:docx`: builds test/fixtures/plans/lai-chau-2018.docx, a real Word table made
 * from the Lai Châu plan's rows, with the time cell of rows 3 and 4 merged as in the original,
 * so the importer's .docx path is tested on what a secretariat actually receives.
 */
const plan = parsePlan(readFileSync(new URL("../data/samples/lai-chau-2018.txt", import.meta.url), "utf8"));
const TIMES: Record<string, string> = { "1": "Thường xuyên trong năm", "3": "Tháng 02, 03", "5": "Tháng 04,05,06", "6": "Trong quý II, III", "7": "Tháng 6, 7", "9": "Tháng 8, 9, 10", "11": "Tháng 11, 12" };
const MERGED_INTO_PREVIOUS = new Set(["4"]);

const groups: { row: string | null; tasks: string[]; units: string[] }[] = [];
for (const milestone of plan.milestones) {
  const last = groups.at(-1);
  const units = [...(milestone.allAgencies && milestone.allAgenciesRole === "lead" ? ["Các cơ quan, đơn vị, địa phương"] : []), ...milestone.units.map((u) => u.name), ...(milestone.allAgencies && milestone.allAgenciesRole !== "lead" ? ["Các cơ quan, đơn vị, địa phương"] : [])];
  if (last && last.row === milestone.row && last.units.join() === units.join()) last.tasks.push(milestone.text);
  else groups.push({ row: milestone.row, tasks: [milestone.text], units });
}

const cell = (paragraphs: string[], options: { merge?: "restart" | "continue"; width?: number } = {}) =>
  new TableCell({
    children: paragraphs.length ? paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) : [new Paragraph("")],
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    ...(options.merge ? { verticalMerge: options.merge === "restart" ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });

const header = new TableRow({ children: ["TT", "Nội dung", "Đơn vị chủ trì và phối hợp thực hiện", "Thời gian thực hiện"].map((h) => cell([h])) });
const rows = groups.map((group, index) => {
  const next = groups[index + 1];
  const merge = next?.row && MERGED_INTO_PREVIOUS.has(next.row) ? "restart" : group.row && MERGED_INTO_PREVIOUS.has(group.row) ? "continue" : undefined;
  return new TableRow({
    children: [
      cell([group.row ?? ""], { width: 5 }),
      cell(group.tasks.map((task) => `- ${task}`), { width: 55 }),
      cell(group.units.map((unit) => `- ${unit};`), { width: 25 }),
      cell(merge === "continue" ? [] : [TIMES[group.row ?? ""] ?? ""], { merge, width: 15 }),
    ],
  });
});

const doc = new Document({
  sections: [
    {
      children: [
        new Paragraph("ỦY BAN NHÂN DÂN"),
        new Paragraph("TỈNH LAI CHÂU"),
        new Paragraph("Số: 69 /KH-UBND"),
        new Paragraph("Lai Châu, ngày 11 tháng 01 năm 2018"),
        new Paragraph("KẾ HOẠCH"),
        new Paragraph("Công tác thi đua, khen thưởng năm 2018"),
        new Paragraph("I. NỘI DUNG, THỜI GIAN VÀ PHÂN CÔNG NHIỆM VỤ"),
        new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } }),
        new Paragraph("II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"),
        new Paragraph("Các cấp, các ngành tiếp tục quán triệt, triển khai sâu rộng - kinh tế - xã hội."),
      ],
    },
  ],
});
writeFileSync(new URL("../test/fixtures/plans/lai-chau-2018.docx", import.meta.url), await Packer.toBuffer(doc));
console.log(`lai-chau-2018.docx: ${groups.length} rows, ${plan.milestones.length} tasks`);
