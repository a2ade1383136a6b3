import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { MemberModel } from "../../models/member.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { translatorFor } from "../../src/i18n.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { toPlanJson } from "../../src/plan/plan-json.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { buttonsOf, startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { readLaiChauPlan, repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
let secretary: TestUser;

beforeEach(async () => {
  harness = await startHarness(new Date("2018-01-15T02:00:00Z"));
  const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau.csv"), "utf8"));
  if ("rows" in read) await importAgencies(read.rows, { via: "cli" }, new Date());
  await addMember(13001, "Thư ký", "secretariat");
  secretary = new TestUser(harness, 13001, "Thư ký");
});
afterEach(() => harness.stop());

// Every file is read in a reader process of its own: a few seconds each on a loaded machine.
describe("the plan, sent as it arrives", { timeout: 60_000 }, () => {
  it("previews the converted text, fixes rows without time, imports, and changes nothing the second time", async () => {
    const preview = textsOf(await secretary.uploadDocument("ke-hoach-69.txt", Buffer.from(readLaiChauPlan()), "text/plain")).join("\n");
    expect(preview).toContain("Kế hoạch công tác thi đua, khen thưởng năm 2018");
    expect(preview).toContain("Số 69/KH-UBND · năm 2018 · ngày 11/01/2018");
    expect(preview).toContain("32 nhiệm vụ");
    expect(preview).toMatch(/T3\s+7/);
    expect(preview).toContain("3 dòng chưa có thời gian: dòng không số, 2, 4");
    expect(preview).toContain("Dòng 11: ô thời gian chỉ ghi");

    // Row 2 happens in January, row 4 in February and March; the unnumbered row is left for later.
    await secretary.press("c:fix");
    await secretary.press("c:skip");
    await secretary.press("c:m:1");
    await secretary.press("c:done");
    await secretary.press("c:m:2");
    await secretary.press("c:m:3");
    const again = textsOf(await secretary.press("c:done")).join("\n");
    expect(again).toContain("1 dòng chưa có thời gian: dòng không số");
    expect(textsOf(await secretary.press("c:import")).join()).toContain("Đã nhập kế hoạch");
    expect((await MilestoneModel.findOne({ row: "2" }).lean())?.months).toEqual([1]);
    expect((await MilestoneModel.find({ row: "4" }).lean()).map((m) => m.months)).toEqual([
      [2, 3],
      [2, 3],
    ]);

    // The same document again changes nothing: the months given in chat are kept, and the preview says so.
    const second = textsOf(await secretary.uploadDocument("ke-hoach-69.txt", Buffer.from(readLaiChauPlan()), "text/plain")).join("\n");
    expect(second).toContain("1 dòng chưa có thời gian: dòng không số");
    expect(textsOf(await secretary.press("c:import")).join()).toContain("không thay đổi gì");
    expect((await MilestoneModel.findOne({ row: "2" }).lean())?.months).toEqual([1]);
    expect(await PlanModel.countDocuments()).toBe(1);
    expect(await AuditEntryModel.countDocuments({ action: "plan.created", "actor.via": "chat" })).toBe(1);
  });

  it("reads the Word version into the same 32 tasks", async () => {
    const preview = textsOf(await secretary.uploadDocument("ke-hoach-69.docx", readFileSync(repoPath("test/fixtures/plans/lai-chau-2018.docx")))).join("\n");
    expect(preview).toContain("32 nhiệm vụ");
    expect(preview).toContain("2 dòng chưa có thời gian: dòng không số, 2");
    await secretary.press("c:import");
    expect(await MilestoneModel.countDocuments()).toBe(32);
  });

  it("takes a corrected JSON and updates the plan without losing reports", async () => {
    await secretary.uploadDocument("ke-hoach.txt", Buffer.from(readLaiChauPlan()), "text/plain");
    await secretary.press("c:import");
    const kept = (await MilestoneModel.findOne({ row: "3" }).sort({ position: 1 }).lean())!;
    await ProgressReportModel.create({ plan: kept.plan, milestone: kept._id, agency: (await AgencyModel.findOne({ code: "UBND" }).lean())!._id, period: "2018-02", status: "done", percent: 100, reportedAt: new Date(), version: 1 });

    const json = toPlanJson(parsePlan(readLaiChauPlan()), translatorFor("vi"));
    for (const milestone of json.milestones) if (milestone.row === null) milestone.months = [1];
    const preview = textsOf(await secretary.uploadDocument("ke-hoach-da-sua.json", Buffer.from(JSON.stringify(json)), "application/json")).join("\n");
    expect(preview).toContain("2 dòng chưa có thời gian: 2, 4");
    expect(textsOf(await secretary.press("c:import")).join()).toContain("Đã cập nhật kế hoạch");
    expect(await ProgressReportModel.findOne().populate<{ milestone: { text: string } }>("milestone").lean().then((r) => r?.milestone.text)).toBe(kept.text);
    expect(await MilestoneModel.countDocuments({ retiredAt: null })).toBe(32);

    const broken = textsOf(await secretary.uploadDocument("sai.json", Buffer.from('{"title": "KH", "year": 2018, "milestones": [{"text": "x", "months": [14]}]}'), "application/json")).join();
    expect(broken).toContain("Tệp JSON có lỗi");
    expect(textsOf(await secretary.uploadDocument("scan.pdf", Buffer.from("%PDF-1.4"))).join()).toContain("Chưa đọc được loại tệp này");
  });

  it("is refused to anyone but the secretariat", async () => {
    await addMember(13002, "Cán bộ", "focal", "SNV");
    const texts = textsOf(await new TestUser(harness, 13002, "Cán bộ").uploadDocument("ke-hoach.txt", Buffer.from(readLaiChauPlan())));
    expect(texts.join()).toContain("Chỉ Ban Thi đua – Khen thưởng gửi kế hoạch");
    expect(await PlanModel.countDocuments()).toBe(0);
  });
});

describe("agencies and members in chat", { timeout: 60_000 }, () => {
  it("lists, adds, aliases and shows unmatched units; loads a CSV; refused to others", async () => {
    expect(textsOf(await secretary.say("/coquan")).join("\n")).toContain("61 cơ quan, đơn vị");
    expect(textsOf(await secretary.say("/coquan them TTPVHCC | Trung tâm Phục vụ hành chính công tỉnh | department")).join()).toContain("Đã thêm cơ quan TTPVHCC");
    expect(textsOf(await secretary.say("/coquan them TTPVHCC | Lại lần nữa | department")).join()).toContain("Đã có cơ quan mã TTPVHCC");
    expect(textsOf(await secretary.say("/coquan them X1 | Tên | ministry")).join()).toContain("Loại cơ quan");
    expect(textsOf(await secretary.say("/agencies alias SNV | Ban TĐKT Sở")).join()).toContain('Đã thêm tên gọi "Ban TĐKT Sở"');
    expect((await AgencyModel.findOne({ code: "SNV" }).lean())?.aliases).toContain("Ban TĐKT Sở");

    const plan = parsePlan(readFileSync(repoPath("test/fixtures/plans/dien-bien-2024.txt"), "utf8"));
    await secretary.uploadDocument("dien-bien.txt", Buffer.from(readFileSync(repoPath("test/fixtures/plans/dien-bien-2024.txt"))));
    await secretary.press("c:import");
    expect(plan.milestones.length).toBeGreaterThan(0);
    expect(textsOf(await secretary.say("/coquan chuakhop")).join()).toContain("Trung tâm Phục vụ hành chính công, Xúc tiến đầu tư");

    const csv = "code,name,kind,bloc_code,bloc_name,aliases\nSNGV,Sở Ngoại vụ,department,KTH,Khối các cơ quan tổng hợp,Sở NgV\n";
    expect(textsOf(await secretary.uploadDocument("them.csv", Buffer.from(csv), "text/csv")).join()).toContain("1 cơ quan mới");
    expect(textsOf(await secretary.uploadDocument("sai.csv", Buffer.from("code,name,kind\nX,Y,ministry\n"), "text/csv")).join()).toContain("dòng 2, cột kind");

    // The 2025 reorganisation, from chat: merge, rename, retire; mistakes change nothing.
    expect(textsOf(await secretary.say("/coquan gop SKHDT STC 01/03/2025")).join()).toContain("Đã sáp nhập SKHDT vào STC từ 01/03/2025");
    expect(textsOf(await secretary.say("/coquan gop SKHDT SNV")).join()).toContain("SKHDT đã sáp nhập hoặc ngừng hoạt động trước đó");
    expect(textsOf(await secretary.say("/coquan gop STC STC")).join()).toContain("Không thể sáp nhập STC vào chính nó");
    expect(textsOf(await secretary.say("/coquan gop STC SKHDT 31/02/2025")).join()).toContain('Không đọc được ngày "31/02/2025"');
    expect(textsOf(await secretary.say("/coquan doiten STC | Sở Tài chính tỉnh Lai Châu")).join()).toContain('"Sở Tài chính" → "Sở Tài chính tỉnh Lai Châu"');
    expect(textsOf(await secretary.say("/coquan ngung TAMDUONG 30/06/2025")).join()).toContain("TAMDUONG ngừng hoạt động từ sau ngày 30/06/2025");
    expect((await AgencyModel.findOne({ code: "SKHDT" }).lean())).toMatchObject({ active: false, validUntil: "2025-02-28" });
    expect(textsOf(await secretary.say("/coquan")).join("\n")).not.toContain("<code>SKHDT</code>");

    await addMember(13003, "Cán bộ", "focal", "SNV");
    const focal = new TestUser(harness, 13003, "Cán bộ");
    for (const command of ["/coquan", "/coquan them A | B | department", "/coquan gop SNV STC", "/thanhvien", "/thanhvien thuhoi 13001"]) expect(textsOf(await focal.say(command)).join(), command).toContain("dành cho Ban Thi đua");
    expect(await AgencyModel.exists({ code: "A" })).toBeNull();
  });

  it("shows who joined and revokes a member, who then sees nothing", async () => {
    await addMember(13004, "Cán bộ Tam Đường", "focal", "TAMDUONG");
    const list = textsOf(await secretary.say("/thanhvien")).join("\n");
    expect(list).toContain("Cán bộ Tam Đường (<code>13004</code>): Cán bộ đầu mối TAMDUONG");
    expect(textsOf(await secretary.say("/thanhvien thuhoi 13001")).join()).toContain("Không thể tự thu hồi");
    expect(textsOf(await secretary.say("/members revoke 13004")).join()).toContain("Đã thu hồi quyền của Cán bộ Tam Đường");
    expect((await MemberModel.findOne({ telegramId: 13004 }).lean())?.status).toBe("revoked");
    expect(textsOf(await new TestUser(harness, 13004, "Cán bộ Tam Đường").say("/baocao")).join()).toContain("đường dẫn mời");
    expect(buttonsOf(await secretary.say("/moi")).length).toBeGreaterThan(0);
  });
});
