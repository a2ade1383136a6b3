import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UploadedFile } from "../../devkit/bot-api/request-params.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { openRound, submitNomination } from "../../src/services/nomination-rounds.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The Ministry's statistical forms (Biểu 0602.N, 0603.N) filled with what dondoc knows — the
 * year's nomination counts by award, collective and individual — and nothing else: every other
 * cell is left shaded for the secretariat, and the totals are sums.
 */
useTestDatabase();
let harness: Harness;
const NOW = new Date("2018-12-05T02:00:00Z");

beforeEach(async () => {
  harness = await startHarness(new Date("2018-11-01T02:00:00Z"));
  await loadLaiChau();
  await ensureAwardCatalogue(NOW);
  await addMember(9001, "Thư ký", "secretariat");
});
afterEach(() => harness.stop());

async function round(title: string, kind: "nomination" | "registration", awards: string[], counts: Record<string, [string, number, number][]>) {
  const opened = await openRound({ title, kind, awardCodes: awards, deadline: new Date("2018-11-30T10:00:00Z"), audience: { all: false, blocs: [], agencyCodes: Object.keys(counts) } }, { via: "cli" }, harness.clock.now());
  for (const [code, lines] of Object.entries(counts)) {
    await submitNomination(
      { roundId: String(opened._id), agencyId: await agencyId(code), counts: lines.map(([award, collective, individual]) => ({ award, collective, individual })), reporter: { memberId: null, telegramId: 1, name: "Cán bộ" } },
      harness.clock.now(),
    );
  }
}

/** A form's cell by its row's "Mã số" and its column's heading and sub-heading. */
function cellOf(sheet: ExcelJS.Worksheet, code: string, group: string, label?: string): ExcelJS.Cell {
  let row = 0;
  sheet.eachRow((line, number) => {
    if (line.getCell(2).value === code) row = number;
  });
  let column = 0;
  const headings = sheet.getRow(9);
  const labels = sheet.getRow(10);
  let currentGroup = "";
  for (let index = 1; index <= sheet.columnCount; index++) {
    const heading = headings.getCell(index);
    if (heading.value && !heading.isMerged) currentGroup = String(heading.value);
    else if (heading.isMerged && heading.master.address === heading.address) currentGroup = String(heading.value);
    if (currentGroup === group && (label === undefined || labels.getCell(index).value === label)) {
      column = index;
      break;
    }
  }
  if (!row || !column) throw new Error(`no cell ${code} × ${group} ${label ?? ""}`);
  return sheet.getCell(row, column);
}

const valueOf = (cell: ExcelJS.Cell) => (typeof cell.value === "object" && cell.value !== null && "formula" in cell.value ? { formula: cell.value.formula, result: cell.value.result } : cell.value);
const shaded = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === "FFFFF2CC";

describe("the statistical forms", () => {
  it("fill the cells dondoc knows from the year's nomination rounds, and leave the rest shaded for the secretariat", async () => {
    const awards = ["HC-LAO-DONG-3", "CO-TD-CHINH-PHU", "BK-THU-TUONG", "CSTD-TOAN-QUOC", "BK-CHU-TICH-UBND-TINH", "CSTD-TINH", "CO-TD-TINH", "CSTD-CO-SO"];
    await round("Khen thưởng tổng kết năm 2018", "nomination", awards, {
      UBND: [["HC-LAO-DONG-3", 1, 2], ["BK-THU-TUONG", 1, 3], ["CSTD-TOAN-QUOC", 0, 1], ["BK-CHU-TICH-UBND-TINH", 4, 10], ["CSTD-TINH", 0, 2], ["CSTD-CO-SO", 0, 9]],
      SNV: [["CO-TD-CHINH-PHU", 1, 0], ["BK-THU-TUONG", 0, 2], ["BK-CHU-TICH-UBND-TINH", 1, 5], ["CO-TD-TINH", 2, 0]],
    });
    // Registrations and another year's proposals are not awards: they count nowhere here.
    await round("Đăng ký thi đua năm 2018", "registration", awards, { STC: [["BK-CHU-TICH-UBND-TINH", 9, 9]] });
    await round("Khen thưởng năm 2017", "nomination", awards, { STC: [["BK-CHU-TICH-UBND-TINH", 7, 7]] });
    harness.clock.set(NOW);

    const secretary = new TestUser(harness, 9001, "Thư ký");
    for (const wrong of ["/bieuthongke", "/bieuthongke 2019", "/bieuthongke năm nay"]) {
      const calls = await secretary.say(wrong);
      expect(calls.filter((call) => call.method === "sendDocument")).toHaveLength(0);
      expect(textsOf(calls)).toEqual(["Cách dùng: /bieuthongke 2018"]);
    }
    const sent = (await secretary.say("/bieuthongke 2018")).find((call) => call.method === "sendDocument")!;
    const file = sent.params.document as UploadedFile;
    expect(file.fileName).toBe("bieu-thong-ke-thi-dua-khen-thuong-2018.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["0602.N", "0603.N", "Ghi chú"]);

    // 0602.N: state and government awards, collectives in row 06, individuals in row 09.
    const state = book.getWorksheet("0602.N")!;
    expect(state.getCell(1, 1).value).toBe("Biểu số: 0602.N/BNV-TĐKT");
    expect(state.getCell(5, 1).value).toBe("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC");
    expect(valueOf(cellOf(state, "06", "Huân chương Lao động hạng Ba", "Tập thể"))).toBe(1);
    expect(valueOf(cellOf(state, "09", "Huân chương Lao động hạng Ba", "Cá nhân"))).toBe(2);
    expect(valueOf(cellOf(state, "06", "Cờ thi đua của Chính phủ", "Tập thể"))).toBe(1);
    expect(valueOf(cellOf(state, "06", "Bằng khen của Thủ tướng Chính phủ", "Tập thể"))).toBe(1);
    expect(valueOf(cellOf(state, "09", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân"))).toBe(5);
    expect(valueOf(cellOf(state, "09", "Chiến sĩ thi đua toàn quốc", "Cá nhân"))).toBe(1);
    // A collective's column holds nothing for individuals; what dondoc does not know is left shaded.
    expect(shaded(cellOf(state, "09", "Bằng khen của Thủ tướng Chính phủ", "Tập thể"))).toBe(true);
    expect(shaded(cellOf(state, "06", "Giải thưởng Hồ Chí Minh", "Cá nhân"))).toBe(true);
    expect(shaded(cellOf(state, "08", "Bằng khen của Thủ tướng Chính phủ", "Tập thể"))).toBe(true);
    expect(shaded(cellOf(state, "15", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân"))).toBe(true);
    // Totals are sums: of rows 06, 08 and 09, and across the row.
    const total = valueOf(cellOf(state, "01", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân")) as { formula: string; result: number };
    expect(total.result).toBe(5);
    expect(total.formula.split("+")).toHaveLength(3);
    expect((valueOf(cellOf(state, "03", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân")) as { result: number }).result).toBe(5);
    expect((valueOf(cellOf(state, "01", "Tổng số")) as { result: number }).result).toBe(1 + 2 + 1 + 1 + 5 + 1);

    // 0603.N: the province's awards.
    const province = book.getWorksheet("0603.N")!;
    expect(valueOf(cellOf(province, "02", "Chia ra", "Bằng khen"))).toBe(5);
    expect(valueOf(cellOf(province, "05", "Chia ra", "Bằng khen"))).toBe(15);
    expect(valueOf(cellOf(province, "05", "Chia ra", "Chiến sĩ thi đua cấp bộ, cấp tỉnh"))).toBe(2);
    expect(valueOf(cellOf(province, "02", "Chia ra", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"))).toBe(2);
    expect(shaded(cellOf(province, "02", "Chia ra", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"))).toBe(true);
    expect(shaded(cellOf(province, "04", "Chia ra", "Bằng khen"))).toBe(true);
    expect((valueOf(cellOf(province, "01", "Tổng số")) as { result: number }).result).toBe(5 + 15 + 2 + 2);

    // The notes say where the numbers come from, that they are proposals, and that the circular was replaced.
    const notes = book.getWorksheet("Ghi chú")!.getColumn(1).values.filter(Boolean).map(String).join("\n");
    expect(notes).toContain("• Đợt 1: Khen thưởng tổng kết năm 2018");
    expect(notes).not.toContain("Đợt 2");
    expect(notes).not.toContain("Đợt 3");
    expect(notes).toContain("số đề nghị, chưa phải số đã được khen thưởng");
    expect(notes).toContain("Thông tư 18/2025/TT-BNV");
  });
});
