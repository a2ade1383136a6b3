import ExcelJS from "exceljs";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MilestoneModel } from "../../models/milestone.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { openRound, submitNomination } from "../../src/services/nomination-rounds.ts";
import type { UploadedFile } from "../../devkit/bot-api/request-params.ts";
import { startHarness, TestUser, type Harness } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-15T03:00:00Z"));
});
afterEach(() => harness.stop());

describe("the Excel report", () => {
  it("/xuatbaocao sends a workbook whose cells read back as the secretariat expects", async () => {
    const { planId } = await loadLaiChau();
    await ensureAwardCatalogue(new Date());
    await addMember(9101, "Thư ký", "secretariat");
    await addMember(9102, "Cán bộ UBND", "focal", "UBND");
    const ubnd = await agencyId("UBND");
    const [first] = await MilestoneModel.find({ plan: planId, row: "3" }).sort({ position: 1 }).lean();
    await ProgressReportModel.create({
      plan: planId,
      milestone: first!._id,
      agency: ubnd,
      period: "2018-03",
      status: "in-progress",
      percent: 45,
      note: "Đang tổng hợp hồ sơ",
      reportedAt: new Date("2018-03-12T02:30:00Z"),
      version: 1,
    });
    const round = await openRound(
      { title: "Khen thưởng tổng kết năm 2018", kind: "nomination", awardCodes: ["CSTD-CO-SO", "GIAY-KHEN"], deadline: new Date("2018-03-30T10:00:00Z"), audience: { all: false, blocs: [], agencyCodes: ["UBND", "SNV"] } },
      { via: "cli" },
      harness.clock.now(),
    );
    await submitNomination(
      { roundId: String(round._id), agencyId: ubnd, counts: [{ award: "CSTD-CO-SO", collective: 0, individual: 4 }, { award: "GIAY-KHEN", collective: 2, individual: 7 }], reporter: { memberId: null, telegramId: 9102, name: "Cán bộ UBND" } },
      harness.clock.now(),
    );

    const calls = await new TestUser(harness, 9101, "Thư ký").say("/xuatbaocao");
    const sent = calls.find((call) => call.method === "sendDocument")!;
    const file = sent.params.document as UploadedFile;
    expect(file.fileName).toBe("bao-cao-thi-dua-2018-03.xlsx");
    expect(String(sent.params.caption)).toContain("tháng 3/2018");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Tiến độ", "Đề nghị khen thưởng", "Chưa báo cáo", "Đăng ký - Đề nghị"]);

    const progress = workbook.getWorksheet("Tiến độ")!;
    expect(progress.getRow(1).values).toEqual([undefined, "TT", "Nhiệm vụ", "Mã đơn vị", "Cơ quan, đơn vị", "Khối thi đua", "Vai trò", "Tình trạng", "Tỷ lệ (%)", "Thời gian báo cáo", "Ghi chú"]);
    expect(progress.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(progress.autoFilter).toBe(`A1:J${progress.rowCount}`);
    expect(progress.getRow(1).font?.bold).toBe(true);
    expect(progress.getCell(2, 9).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("dondoc-export-"))).toEqual([]);
    const rows = progress.getSheetValues().slice(2) as unknown[][];
    const answered = rows.find((row) => row[3] === "UBND" && row[7] === "Đang thực hiện")!;
    expect(answered[2]).toBe(first!.text);
    expect(answered[6]).toBe("Chủ trì");
    expect(answered[8]).toBe(45);
    // 09:30 in Lai Châu, shown as such.
    expect(answered[9]).toEqual(new Date("2018-03-12T09:30:00Z"));
    expect(answered[10]).toBe("Đang tổng hợp hồ sơ");
    expect(rows.filter((row) => row[7] === "Chưa báo cáo").length).toBe(rows.length - 1);

    const nominations = workbook.getWorksheet("Đề nghị khen thưởng")!.getSheetValues().slice(2) as unknown[][];
    expect(nominations.map((row) => [row[1], row[3], row[5], row[6], row[7]])).toEqual([
      [1, "UBND", "Chiến sĩ thi đua cơ sở", 0, 4],
      [1, "UBND", "Giấy khen", 2, 7],
    ]);

    const silent = workbook.getWorksheet("Chưa báo cáo")!.getSheetValues().slice(2) as unknown[][];
    // UBND answered one of its seven: reported partly, six missing; SNV answered none.
    const ubndRow = silent.find((row) => row[1] === "UBND")!;
    expect(ubndRow.slice(4)).toEqual(["Báo cáo một phần", 7, 6, "Có"]);
    expect(silent.find((row) => row[1] === "SNV")!.slice(4)).toEqual(["Chưa báo cáo", 7, 7, "Không"]);
  });

  it("is refused to people outside the secretariat", async () => {
    await loadLaiChau();
    await addMember(9103, "Cán bộ", "focal", "SNV");
    const calls = await new TestUser(harness, 9103, "Cán bộ").say("/export");
    expect(calls.some((call) => call.method === "sendDocument")).toBe(false);
  });
});
