import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MilestoneModel } from "../../models/milestone.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { SettingModel } from "../../models/setting.ts";
import { buttonsOf, callbackAnswers, startHarness, TestUser, textsOf, type Harness, SECRETARIAT_GROUP } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
let secretary: TestUser;
let planId: string;

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-12T03:00:00Z"));
  ({ planId } = await loadLaiChau());
  await addMember(5001, "Thư ký Ban", "secretariat");
  await addMember(5002, "Cán bộ UBND", "focal", "UBND");
  await addMember(5003, "Cán bộ Sở Nội vụ", "focal", "SNV");
  secretary = new TestUser(harness, 5001, "Thư ký");
  const ubnd = await agencyId("UBND");
  const row3 = await MilestoneModel.find({ plan: planId, row: "3" }).sort({ position: 1 }).lean();
  await ProgressReportModel.create({ plan: planId, milestone: row3[0]!._id, agency: ubnd, period: "2018-03", status: "done", percent: 100, reportedAt: new Date(), version: 1 });
  await ProgressReportModel.create({ plan: planId, milestone: row3[1]!._id, agency: ubnd, period: "2018-03", status: "blocked", percent: 10, note: "Chờ ý kiến", reportedAt: new Date(), version: 1 });
});
afterEach(() => harness.stop());

describe("the secretariat's status commands", () => {
  it("/tinhhinh shows the month at a glance, within Telegram's limits", async () => {
    const calls = await secretary.say("/tinhhinh");
    const texts = textsOf(calls);
    expect(texts.join("\n")).toContain("Tình hình tháng 3/2018");
    expect(texts.join("\n")).toMatch(/Quyết định khen thưởng thành tích[\s\S]*Hoàn thành: 1/);
    expect(texts.join("\n")).toMatch(/Gặp vướng mắc: 1/);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    // The fake refuses bad HTML as Telegram does: every part got through.
    expect(calls.every((c) => c.method !== "sendMessage" || c.params.parse_mode === "HTML")).toBe(true);
  });

  it("/tinhhinh with an agency shows its milestones and latest answers", async () => {
    const text = textsOf(await secretary.say("/tinhhinh UBND")).join("\n");
    expect(text).toContain("Ủy ban nhân dân tỉnh Lai Châu");
    expect(text).toContain("Hoàn thành 100%");
    expect(text).toContain("Gặp vướng mắc 10%");
    expect(text).toContain("Chờ ý kiến");
    expect(textsOf(await secretary.say("/status Nội vụ")).join()).toContain("Sở Nội vụ");
    expect(textsOf(await secretary.say("/tinhhinh huyện")).join()).toContain("cơ quan khớp");
    expect(textsOf(await secretary.say("/tinhhinh Sở Ngoại vụ")).join()).toContain("Không tìm thấy");
  });

  it("/chuabaocao lists agencies with milestones due and no report", async () => {
    const text = textsOf(await secretary.say("/chuabaocao")).join("\n");
    expect(text).toContain("Đơn vị chưa báo cáo tháng 3/2018");
    expect(text).toContain("Sở Nội vụ (Ban Thi đua – Khen thưởng): 7 nhiệm vụ");
    expect(text).toContain("chưa có cán bộ đầu mối");
    expect(textsOf(await secretary.say("/missing")).join()).toContain("Đơn vị chưa báo cáo");
  });

  it("takes a month after the command, and says so when it cannot read one", async () => {
    expect(textsOf(await secretary.say("/chuabaocao 2/2018")).join("\n")).toContain("Đơn vị chưa báo cáo tháng 2/2018");
    expect(textsOf(await secretary.say("/tinhhinh SNV 2018-02")).join("\n")).toContain("2/2018");
    expect(textsOf(await secretary.say("/tinhhinh 13/2018"))).toEqual(['Không đọc được tháng "13/2018". Ghi tháng như 3/2018 (hoặc bỏ trống để xem tháng này).']);
  });

  it("/guiloi shows what could not be delivered, to whom and why", async () => {
    const member = await addMember(5101, "Cán bộ Báo", "focal", "BAOLC");
    await OutboxMessageModel.create({ key: "k1", chatId: 5101, payload: { text: "…" }, purpose: "reminder", member: member._id, state: "failed", lastError: "Forbidden: bot was blocked by the user", notBefore: new Date("2018-03-10T01:30:00Z"), failedAt: new Date("2018-03-10T01:30:05Z") });
    const text = textsOf(await secretary.say("/guiloi")).join("\n");
    expect(text).toContain("Tin không gửi được trong 30 ngày qua: 1");
    expect(text).toMatch(/Cán bộ Báo \(Báo Lai Châu\): nhắc nhở — <i>Forbidden: bot was blocked by the user<\/i>/);
  });

  it("/lich shows the year's days off and records what the government announced", async () => {
    const year = textsOf(await secretary.say("/lich 2026")).join("\n");
    expect(year).toMatch(/17\/02\/2026 Thứ Ba\s+nghỉ — Tết Nguyên Đán/);
    expect(textsOf(await secretary.say("/lich nghi 01/09/2026 Nghỉ lễ Quốc khánh (Thông báo)")).join()).toMatch(/Đã ghi: 01\/09\/2026 Thứ Ba\s+nghỉ — Nghỉ lễ Quốc khánh \(Thông báo\) \(theo thông báo\)/);
    expect(textsOf(await secretary.say("/lich nghi 31/02/2026"))).toEqual([expect.stringContaining('Không đọc được ngày "31/02/2026"')]);
    expect(textsOf(await secretary.say("/lich bo 01/09/2026")).join()).toMatch(/Đã ghi: 01\/09\/2026 Thứ Ba\s+làm việc/);
    expect(textsOf(await new TestUser(harness, 5999, "Người lạ").say("/lich"))).not.toContain(expect.stringContaining("Tết"));
  });

  it("/quahan lists milestones whose window closed without Hoàn thành", async () => {
    expect(textsOf(await secretary.say("/quahan")).join()).toContain("Không có nhiệm vụ nào quá hạn");
    harness.clock.set(new Date("2018-04-02T03:00:00Z"));
    const text = textsOf(await secretary.say("/quahan")).join("\n");
    expect(text).toContain("Nhiệm vụ quá hạn chưa hoàn thành: 3");
    expect(text).toContain("Ủy ban nhân dân tỉnh Lai Châu: Gặp vướng mắc");
    expect(text).not.toContain("Quyết định khen thưởng thành tích");
  });

  it("/nhacnho reminds the silent after a confirmation, once a day", async () => {
    const ask = await secretary.say("/nhacnho");
    const [yes, no] = buttonsOf(ask);
    expect(no!.data).toBe("remind:no");
    expect(await OutboxMessageModel.countDocuments()).toBe(0);
    const sent = textsOf(await secretary.press(yes!.data)).join();
    expect(sent).toContain("Đã xếp hàng 2 tin nhắc nhở");
    expect(await OutboxMessageModel.countDocuments({ purpose: "reminder" })).toBe(2);
    expect(textsOf(await secretary.press(yes!.data)).join()).toContain("Không có tin nhắc mới");
    expect(await OutboxMessageModel.countDocuments({ purpose: "reminder" })).toBe(2);
  });

  it("works in the bound group for its members, and /bind binds it", async () => {
    expect(textsOf(await secretary.say("/tinhhinh", { chatId: SECRETARIAT_GROUP })).join()).toContain("Tình hình tháng 3/2018");
    // Without SECRETARIAT_CHAT_ID the group is the one a secretariat member binds.
    harness.deps.config.secretariatChatId = undefined;
    const stranger = new TestUser(harness, 5999, "Khách");
    expect(textsOf(await stranger.say("/bind", { chatId: -1007777 })).join()).toContain("chỉ trả lời thành viên Ban Thi đua");
    expect(await SettingModel.findOne({ key: "secretariat-chat-id" }).lean()).toBeNull();
    expect(textsOf(await secretary.say("/bind", { chatId: -1007777 })).join()).toContain("Đã chọn nhóm này");
    expect(await SettingModel.findOne({ key: "secretariat-chat-id" }).lean()).toMatchObject({ value: -1007777 });
    expect(textsOf(await secretary.say("/chuabaocao", { chatId: -1007777 })).join()).toContain("Đơn vị chưa báo cáo");
  });
});

describe("someone without the role", () => {
  it("is refused every secretariat command and button, and nothing changes", async () => {
    const focal = new TestUser(harness, 5003, "Cán bộ Sở Nội vụ");
    for (const command of ["/tinhhinh", "/tinhhinh UBND", "/chuabaocao", "/quahan", "/nhacnho", "/moi", "/bind", "/status", "/missing", "/overdue", "/remind", "/invite"]) {
      expect(textsOf(await focal.say(command)).join(), command).toContain("dành cho Ban Thi đua");
    }
    const pressed = await focal.press("remind:2018-03");
    expect(callbackAnswers(pressed)).toEqual(["Lệnh này dành cho Ban Thi đua – Khen thưởng."]);
    expect(await OutboxMessageModel.countDocuments()).toBe(0);
    // The secretariat cannot report for an agency.
    expect(textsOf(await secretary.say("/baocao")).join()).toContain("dành cho cán bộ đầu mối");
  });
});

describe("inviting in chat", () => {
  it("/moi guides the secretariat to a focal officer's invite link", async () => {
    const roles = buttonsOf(await secretary.say("/moi"));
    expect(roles.map((b) => b.data.replace(/^c:[A-Za-z0-9_-]{4}\d+!?:/, "c:"))).toEqual(["c:role:focal", "c:role:secretariat", "c:role:leader", "c:cancel"]);
    expect(textsOf(await secretary.press("c:role:focal")).join()).toContain("Nhập mã hoặc tên cơ quan");
    expect(textsOf(await secretary.say("Sở Ngoại vụ")).join()).toContain("Không tìm thấy");
    const choices = buttonsOf(await secretary.say("huyện"));
    expect(choices.length).toBeGreaterThan(1);
    const created = textsOf(await secretary.press(choices.find((b) => b.data.endsWith(":agency:TAMDUONG"))!.data)).join();
    expect(created).toMatch(/https:\/\/t\.me\/dondoc_test_bot\?start=[\w-]+/);
    expect(created).toContain("UBND huyện Tam Đường");
    const code = /start=([\w-]+)/.exec(created)![1]!;
    const newcomer = new TestUser(harness, 5100, "Cán bộ Tam Đường");
    expect(textsOf(await newcomer.say(`/start ${code}`)).join()).toContain("cán bộ đầu mối của UBND huyện Tam Đường");
  });
});
