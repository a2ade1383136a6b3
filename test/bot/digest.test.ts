import { Api } from "grammy";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import type { UploadedFile } from "../../devkit/bot-api/request-params.ts";
import { startHarness, TestUser, textsOf, TOKEN, type Harness, SECRETARIAT_GROUP } from "../support/bot-harness.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
let planId: string;
const MONDAY = new Date("2018-03-12T00:30:00Z");

beforeEach(async () => {
  harness = await startHarness(MONDAY);
  ({ planId } = await loadLaiChau());
  await addMember(9201, "Phó Chủ tịch UBND tỉnh", "leader");
  await addMember(9202, "Thư ký", "secretariat");
});
afterEach(() => harness.stop());

function decode(bytes: Buffer): { width: number; height: number; colors: number; inked: number } {
  const png = PNG.sync.read(bytes);
  const colors = new Set<number>();
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    colors.add((r << 16) | (g << 8) | b);
    if (r < 240 || g < 240 || b < 240) inked++;
  }
  return { width: png.width, height: png.height, colors: colors.size, inked: inked / (png.width * png.height) };
}

async function report(code: string, row: string, status: "done" | "blocked" | "in-progress", at: Date) {
  const milestone = (await MilestoneModel.findOne({ plan: planId, row }).sort({ position: 1 }).lean())!;
  await ProgressReportModel.create({ plan: planId, milestone: milestone._id, agency: await agencyId(code), period: "2018-03", status, percent: status === "done" ? 100 : 40, reportedAt: at, version: 1, versions: [{ version: 1, status, percent: 50, reportedAt: at }] });
}

describe("the leaders' weekly digest", () => {
  it("reaches every leader as text then a chart, and says what changed since last week", async () => {
    await report("UBND", "3", "done", new Date("2018-03-05T02:00:00Z"));
    const first = await runJob("weekly-digest", jobContext(harness.deps.config, MONDAY), harness.deps.config.schedules);
    expect(first).toMatchObject({ key: "weekly-digest:2018-03-12", enqueued: 2 });
    const api = new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot });
    await new OutboxSender({ api, clock: harness.clock }).drain();

    const toLeader = harness.telegram.calls.filter((call) => Number(call.params.chat_id) === 9201);
    expect(toLeader.map((call) => call.method)).toEqual(["sendMessage", "sendPhoto"]);
    const text = String(toLeader[0]!.params.text);
    expect(text).toContain("Tổng hợp công tác thi đua, khen thưởng — tháng 3/2018");
    expect(text).toContain("Khối các cơ quan tổng hợp");
    expect(text).not.toContain("So với lần tổng hợp trước");
    const chart = decode((toLeader[1]!.params.photo as UploadedFile).bytes);
    expect(chart.width).toBe(900);
    expect(chart.height).toBeGreaterThan(320);
    expect(chart.colors).toBeGreaterThan(50);
    expect(chart.inked).toBeGreaterThan(0.03);

    // A week on, with two more answers.
    await report("SNV", "3", "done", new Date("2018-03-14T02:00:00Z"));
    await report("STC", "3", "done", new Date("2018-03-15T02:00:00Z"));
    const nextMonday = new Date("2018-03-19T00:30:00Z");
    await runJob("weekly-digest", jobContext(harness.deps.config, nextMonday), harness.deps.config.schedules);
    const second = await OutboxMessageModel.findOne({ key: "digest:2018-03-19:9201:text" }).lean();
    expect(String((second!.payload as { text: string }).text)).toContain("So với lần tổng hợp trước: đơn vị báo cáo đủ 0, đơn vị chưa báo cáo -2, nhiệm vụ hoàn thành +2, nhiệm vụ quá hạn 0.");
  });

  it("/tonghop gives the same on demand to leaders and the secretariat, and to no one else", async () => {
    const calls = await new TestUser(harness, 9201, "Lãnh đạo").say("/tonghop");
    expect(calls.map((call) => call.method)).toEqual(["sendMessage", "sendPhoto"]);
    expect(textsOf(calls)[0]).toContain("Đơn vị chưa báo cáo");
    expect((await new TestUser(harness, 9202, "Thư ký").say("/digest")).some((call) => call.method === "sendPhoto")).toBe(true);
    await addMember(9203, "Cán bộ", "focal", "SNV");
    const refused = await new TestUser(harness, 9203, "Cán bộ").say("/tonghop");
    expect(refused.map((call) => call.method)).toEqual(["sendMessage"]);
    expect(textsOf(refused)[0]).toContain("dành cho lãnh đạo");
  });
});

describe("the daily summary", () => {
  it("goes to the group at 17:00 on a day with activity, and not on a quiet day", async () => {
    const at17 = new Date("2018-03-12T10:00:00Z");
    expect((await runJob("daily-summary", jobContext(harness.deps.config, at17), harness.deps.config.schedules)).enqueued).toBe(0);
    await report("UBND", "3", "blocked", new Date("2018-03-12T03:00:00Z"));
    await OutboxMessageModel.create({ key: "lost", chatId: 5, payload: { text: "…" }, purpose: "reminder", state: "failed", lastError: "Forbidden", notBefore: new Date("2018-03-12T02:00:00Z"), failedAt: new Date("2018-03-12T02:00:01Z") });
    await runJob("daily-summary", jobContext(harness.deps.config, new Date("2018-03-12T10:00:01Z")), harness.deps.config.schedules);
    const summary = await OutboxMessageModel.findOne({ chatId: SECRETARIAT_GROUP, purpose: "daily-summary" }).lean();
    const text = String((summary!.payload as { text: string }).text);
    expect(text).toContain("Tổng hợp ngày 12/03/2018");
    expect(text).toContain("1 báo cáo tiến độ từ 1 đơn vị");
    expect(text).toContain("Ủy ban nhân dân tỉnh Lai Châu: 1");
    expect(text).toContain("1 tin không gửi được (/guiloi");
  });
});
