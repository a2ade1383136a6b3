import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import type { UploadedFile } from "../../devkit/bot-api/request-params.ts";
import type { ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { flushGroupNotices } from "../../src/services/group-notices.ts";
import { createInvite } from "../../src/services/invites.ts";
import { submitNomination } from "../../src/services/nomination-rounds.ts";
import { buttonsOf, SECRETARIAT_GROUP, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { readDocx } from "../support/docx-reading.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";

/**
 * Registration (đăng ký thi đua) as a round of its own kind: opened in chat, answered on Telegram
 * and on Zalo in its own words, reminded and closed as nomination rounds are; then, at the year's
 * end, the nominations set against it per agency and award in /khenthuong, the Excel export and
 * section II of the periodic report.
 */
useTestDatabase();
// Monday 15 January 2018, 09:00 in Lai Châu.
const NOW = new Date("2018-01-15T02:00:00Z");
const zaloOfficer: ZaloUser = { id: "6a6b6c6d6e6f70717273", display_name: "Lan Zalo" };
let z: ZaloHarness;
let harness: Harness;

beforeEach(async () => {
  z = await startZaloHarness(NOW, [zaloOfficer]);
  harness = z.harness;
  await loadLaiChau();
  await ensureAwardCatalogue(NOW);
  await addMember(9001, "Thư ký", "secretariat");
  await addMember(9003, "Cán bộ UBND", "focal", "UBND");
  await addMember(9004, "Cán bộ STC", "focal", "STC");
  const invite = await createInvite({ role: "focal", agencyCode: "SNV", ttlHours: 72, now: NOW }, { via: "cli" });
  await z.say(zaloOfficer, invite.code);
});
afterEach(() => z.stop());

/** What the bot sent to a Telegram chat, from a call index on. */
const sentTo = (chatId: number, from = 0) => harness.telegram.calls.slice(from).filter((call) => call.method === "sendMessage" && Number(call.params.chat_id) === chatId);
const at = async (instant: string) => harness.clock.set(new Date(instant));
const job = (name: "nomination-deadlines") => runJob(name, jobContext(harness.deps.config, harness.clock.now()), harness.deps.config.schedules);

async function openRound(secretary: TestUser, title: string, kind: "registration" | "nomination", awards: string[], deadline: string) {
  await secretary.say("/modot");
  await secretary.say(title);
  await secretary.press(`c:kind:${kind}`);
  for (const award of awards) await secretary.press(`c:pick:${award}`);
  await secretary.press("c:done");
  await secretary.say(deadline);
  await secretary.press("c:aud:list");
  await secretary.say("UBND, SNV, STC");
  return textsOf(await secretary.press("c:ok"));
}

describe("a registration round", () => {
  it("is opened, answered on Telegram and Zalo, reminded and closed like a nomination round, and set against the year's nominations", async () => {
    const secretary = new TestUser(harness, 9001, "Thư ký");
    const zaloBefore = z.zalo.textsTo(zaloOfficer.id).length;
    expect(await openRound(secretary, "Đăng ký thi đua năm 2018", "registration", ["CSTD-TINH", "BK-CHU-TICH-UBND-TINH", "CO-TD-TINH"], "31/01/2018")).toEqual([
      "✅ Đã mở Đợt 1 cho 3 đơn vị; đã xếp hàng 3 tin gửi cán bộ đầu mối.",
    ]);
    const round = await NominationRoundModel.findOne({ seq: 1 }).lean();
    expect(round).toMatchObject({ kind: "registration", year: 2018 });

    // The invitation, in the words of a registration, on both networks.
    const mark = harness.telegram.calls.length;
    await z.deliverOutbox();
    const [invitation] = sentTo(9003, mark);
    expect(sentTo(9003, mark)).toHaveLength(1);
    expect(String(invitation!.params.text)).toContain("(Đăng ký danh hiệu thi đua)");
    expect(String(invitation!.params.text)).toContain("Bấm nút bên dưới để đăng ký; có thể sửa đến hết hạn. Danh hiệu thi đua chỉ được xét khi đã đăng ký.");
    expect(buttonsOf([invitation!])).toEqual([{ text: "📝 Đăng ký thi đua", data: `n:${String(round!._id)}` }]);
    const onZalo = z.zalo.textsTo(zaloOfficer.id).slice(zaloBefore);
    expect(onZalo).toHaveLength(1);
    expect(onZalo[0]).toContain("Trả lời 1 để đăng ký");
    expect(onZalo[0]).toContain("\n1. Đăng ký thi đua\n");

    // UBND registers on Telegram, award by award.
    const ubnd = new TestUser(harness, 9003, "Cán bộ UBND");
    const opened = textsOf(await ubnd.press(`n:${String(round!._id)}`));
    expect(opened[0]).toMatch(/^📝 <b>Đợt 1: Đăng ký thi đua năm 2018<\/b> — hạn 31\/01\/2018 17:00\. Đăng ký số tập thể, cá nhân phấn đấu đạt 3 danh hiệu, hình thức/);
    expect(opened[1]).toBe("(1/3) <b>Chiến sĩ thi đua cấp tỉnh</b> — số cá nhân đăng ký? (hiện: 0)");
    expect(textsOf(await ubnd.press("c:num:2"))).toEqual(["(2/3) <b>Bằng khen của Chủ tịch UBND tỉnh</b> — số tập thể đăng ký? (hiện: 0)"]);
    await ubnd.press("c:num:1");
    await ubnd.press("c:num:3");
    const review = textsOf(await ubnd.press("c:num:1"));
    expect(review[0]).toMatch(/^Kiểm tra lại số lượng đăng ký thi đua \(Đợt 1\):/);
    expect(textsOf(await ubnd.press("c:ok"))).toEqual(["✅ Đã ghi nhận đăng ký thi đua (lần 1). Có thể sửa đến hết hạn."]);

    // SNV registers on Zalo, answering with numbers and words.
    const asked = (await z.say(zaloOfficer, "1")).join("\n");
    expect(asked).toContain("Đăng ký số tập thể, cá nhân phấn đấu đạt 3 danh hiệu, hình thức");
    expect(asked).toContain("Chiến sĩ thi đua cấp tỉnh — số cá nhân đăng ký?");
    await z.say(zaloOfficer, "0");
    await z.say(zaloOfficer, "2");
    await z.say(zaloOfficer, "0");
    expect((await z.say(zaloOfficer, "0")).join("\n")).toContain("Kiểm tra lại số lượng đăng ký thi đua (Đợt 1):");
    expect(await z.say(zaloOfficer, "xác nhận")).toEqual(["✅ Đã ghi nhận đăng ký thi đua (lần 1). Có thể sửa đến hết hạn."]);

    // The group learns of each registration in one line.
    await flushGroupNotices({ secretariatChatId: SECRETARIAT_GROUP }, harness.clock.now());
    let groupMark = harness.telegram.calls.length;
    await z.deliverOutbox();
    expect(sentTo(SECRETARIAT_GROUP, groupMark).map((call) => String(call.params.text))).toEqual([
      ["📝 Ủy ban nhân dân tỉnh Lai Châu — Đợt 1 (đăng ký): 2 tập thể, 5 cá nhân (lần 1)", "📝 Sở Nội vụ (Ban Thi đua – Khen thưởng) — Đợt 1 (đăng ký): 2 tập thể, 0 cá nhân (lần 1)"].join("\n"),
    ]);

    // STC is silent: reminded three days and one day before, in the words of a registration, and nobody else.
    for (const [instant, days] of [["2018-01-29T09:00:00+07:00", 3], ["2018-01-30T17:30:00+07:00", 1]] as const) {
      await at(instant);
      const before = harness.telegram.calls.length;
      const zaloCount = z.zalo.textsTo(zaloOfficer.id).length;
      await job("nomination-deadlines");
      await z.deliverOutbox();
      const reminders = sentTo(9004, before);
      expect(reminders).toHaveLength(1);
      expect(String(reminders[0]!.params.text)).toMatch(new RegExp(`^⏰ Còn ${days} ngày đến hạn, đơn vị chưa gửi đăng ký thi đua\\.`));
      expect(buttonsOf(reminders)[0]!.text).toBe("📝 Đăng ký thi đua");
      expect(sentTo(9003, before)).toHaveLength(0);
      expect(z.zalo.textsTo(zaloOfficer.id)).toHaveLength(zaloCount);
    }
    // At the deadline it closes; the group gets the totals and who is missing.
    await at("2018-01-31T17:05:00+07:00");
    groupMark = harness.telegram.calls.length;
    await job("nomination-deadlines");
    await z.deliverOutbox();
    const closing = sentTo(SECRETARIAT_GROUP, groupMark).map((call) => String(call.params.text));
    expect(closing).toHaveLength(1);
    expect(closing[0]).toContain("Đã kết thúc (hạn 31/01/2018 17:00)");
    expect(closing[0]).toContain("Đã báo cáo: 2/3 đơn vị");
    expect(closing[0]).toContain("<b>Chưa báo cáo (1):</b>\n• Sở Tài chính");
    expect((await NominationRoundModel.findOne({ seq: 1 }).lean())!.status).toBe("closed");

    // November: the year-end nomination round, and what the agencies propose.
    await at("2018-11-20T09:00:00+07:00");
    await openRound(secretary, "Khen thưởng tổng kết năm 2018", "nomination", ["CSTD-TINH", "BK-CHU-TICH-UBND-TINH", "CO-TD-TINH", "CSTD-CO-SO"], "30/11/2018");
    const nomination = await NominationRoundModel.findOne({ seq: 2 }).lean();
    const propose = async (code: string, counts: [string, number, number][]) =>
      submitNomination(
        { roundId: String(nomination!._id), agencyId: await agencyId(code), counts: counts.map(([award, collective, individual]) => ({ award, collective, individual })), reporter: { memberId: null, telegramId: 1, name: "Cán bộ" } },
        harness.clock.now(),
      );
    await propose("UBND", [["CSTD-TINH", 0, 1], ["BK-CHU-TICH-UBND-TINH", 0, 3], ["CO-TD-TINH", 0, 0], ["CSTD-CO-SO", 0, 4]]);
    await propose("SNV", [["BK-CHU-TICH-UBND-TINH", 2, 0]]);
    await propose("STC", [["BK-CHU-TICH-UBND-TINH", 0, 2]]);
    expect(await NominationReportModel.countDocuments()).toBe(5);

    const expected = {
      "Đã đăng ký và đã đề nghị": [
        "Ủy ban nhân dân tỉnh Lai Châu — Chiến sĩ thi đua cấp tỉnh (cá nhân): đăng ký 2, đề nghị 1",
        "Ủy ban nhân dân tỉnh Lai Châu — Bằng khen của Chủ tịch UBND tỉnh (cá nhân): đăng ký 3, đề nghị 3",
        "Sở Nội vụ (Ban Thi đua – Khen thưởng) — Bằng khen của Chủ tịch UBND tỉnh (tập thể): đăng ký 2, đề nghị 2",
      ],
      "Đã đăng ký nhưng chưa đề nghị": [
        "Ủy ban nhân dân tỉnh Lai Châu — Cờ thi đua cấp tỉnh (tập thể): đăng ký 1, đề nghị 0",
        "Ủy ban nhân dân tỉnh Lai Châu — Bằng khen của Chủ tịch UBND tỉnh (tập thể): đăng ký 1, đề nghị 0",
      ],
      "Đề nghị khi chưa đăng ký": [
        "Ủy ban nhân dân tỉnh Lai Châu — Chiến sĩ thi đua cơ sở (cá nhân): đăng ký 0, đề nghị 4 (danh hiệu thi đua: cần có đăng ký)",
        "Sở Tài chính — Bằng khen của Chủ tịch UBND tỉnh (cá nhân): đăng ký 0, đề nghị 2",
      ],
    };
    const sorted = (lines: string[]) => [...lines].sort();

    // In chat: the nomination round's totals, then the year's nominations set against its registrations.
    const totals = textsOf(await secretary.say("/khenthuong 2")).join("\n");
    const match = totals.slice(totals.indexOf("<b>Đối chiếu với đăng ký thi đua năm 2018:</b>"));
    expect(match).not.toBe("");
    for (const [state, lines] of Object.entries(expected)) {
      const start = match.indexOf(`<i>${state}</i>`);
      const block = match.slice(start).split("\n\n")[0]!.split("\n").slice(1);
      expect(sorted(block.map((line) => line.replace(/^• /, ""))), state).toEqual(sorted(lines));
    }
    // A registration round's own totals are not set against anything.
    expect(textsOf(await secretary.say("/khenthuong 1")).join("\n")).not.toContain("Đối chiếu");

    // In the Excel export of November, one row per agency, award and scope.
    const book = new ExcelJS.Workbook();
    const workbook = (await secretary.say("/xuatbaocao 11/2018")).find((call) => call.method === "sendDocument")!;
    await book.xlsx.load((workbook.params.document as UploadedFile).bytes as unknown as ArrayBuffer);
    const rows = book.getWorksheet("Đăng ký - Đề nghị")!.getSheetValues().slice(2) as unknown[][];
    const fromSheet = (state: string) => rows.filter((row) => row[7] === state).map((row) => `${row[2]} — ${row[3]} (${String(row[4]).toLowerCase()}): đăng ký ${row[5]}, đề nghị ${row[6]}`);
    for (const [state, lines] of Object.entries(expected)) expect(sorted(fromSheet(state)), state).toEqual(sorted(lines.map((line) => line.replace(" (danh hiệu thi đua: cần có đăng ký)", ""))));
    const kinds = book.getWorksheet("Đề nghị khen thưởng")!.getSheetValues().slice(2) as unknown[][];
    expect(new Set(kinds.map((row) => row[10]))).toEqual(new Set(["Đăng ký danh hiệu thi đua", "Đề nghị khen thưởng"]));

    // In section II of the year's report.
    const report = (await secretary.say("/baocaoky 2018")).find((call) => call.method === "sendDocument")!;
    const docx = readDocx((report.params.document as UploadedFile).bytes as Buffer);
    const texts = docx.paragraphs.map((p) => p.text);
    expect(texts).toContain("Đợt 1: Đăng ký thi đua năm 2018 (Đăng ký danh hiệu thi đua): 2/3 đơn vị đã gửi.");
    expect(texts).toContain("Đợt 2: Khen thưởng tổng kết năm 2018 (Đề nghị khen thưởng): 3/3 đơn vị đã gửi.");
    const awards = docx.tables.find((table) => table[0]![0] === "Danh hiệu, hình thức khen thưởng")!;
    expect(awards.slice(2)).toEqual([
      ["Cờ thi đua cấp tỉnh", "1", "–", "0", "–"],
      ["Chiến sĩ thi đua cấp tỉnh", "–", "2", "–", "1"],
      ["Chiến sĩ thi đua cơ sở", "–", "0", "–", "4"],
      ["Bằng khen của Chủ tịch UBND tỉnh", "3", "3", "2", "5"],
    ]);
    for (const [state, lines] of Object.entries(expected)) {
      const start = texts.indexOf(state);
      const block = texts.slice(start + 1).filter((_, index, all) => all.slice(0, index + 1).every((text) => text.startsWith("- ")));
      expect(sorted(block.map((line) => line.replace(/^- /, "").replace(/\.( \(|$)/, "$1"))), state).toEqual(sorted(lines));
    }
  });
});
