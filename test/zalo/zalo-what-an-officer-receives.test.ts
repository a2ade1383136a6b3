import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import type { LocalZaloApi, ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { createInvite } from "../../src/services/invites.ts";
import type { Harness } from "../support/bot-harness.ts";
import { agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";

/**
 * Every message a focal officer on Zalo receives, answer by answer: one message for each answer,
 * nothing sent twice, never two in one second; a number never destroys what was entered; a
 * message after a refused paste is answered; English is said once.
 */
useTestDatabase();
const MARCH_1 = new Date("2018-03-01T01:00:00Z");
const lan: ZaloUser = { id: "b7e31f0c2a9d4e6f8a1c", display_name: "Lan Zalo" };
let z: ZaloHarness;
let harness: Harness;
let zalo: LocalZaloApi;
/** When (on the bot's clock) each Zalo message to Lan left. */
let sentAt: number[];

beforeEach(async () => {
  z = await startZaloHarness(MARCH_1, [lan]);
  ({ harness, zalo } = z);
  sentAt = [];
  const call = z.client.call.bind(z.client);
  z.client.call = (async (method: string, params?: Record<string, unknown>) => {
    if (method === "sendMessage" && params?.chat_id === lan.id) sentAt.push(harness.clock.now().getTime());
    return call(method, params as never);
  }) as typeof z.client.call;
  await loadLaiChau();
  const invite = await createInvite({ role: "focal", agencyCode: "UBND", ttlHours: 72, now: MARCH_1 }, { via: "cli" });
  await z.say(lan, invite.code);
  await harness.clock.sleep(2000);
  await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
  await z.deliverOutbox();
});
afterEach(() => z.stop());

/** Lan answers two seconds after the last message, as a person types; the messages she got for it. */
async function answer(text: string): Promise<string[]> {
  await harness.clock.sleep(2000);
  return z.say(lan, text);
}

/** No message sent twice (the dialogue so far is never sent again), and never two in one second. */
function expectNothingTwiceAndAtMostOneASecond(): void {
  const texts = zalo.textsTo(lan.id);
  expect(new Set(texts).size).toBe(texts.length);
  expectAtMostOneASecond();
}

function expectAtMostOneASecond(): void {
  for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!, JSON.stringify({ i, sentAt: sentAt.map((at) => at - sentAt[0]!), texts: zalo.textsTo(lan.id).map((t) => t.slice(0, 40)) })).toBeGreaterThanOrEqual(1000);
}

describe("what a focal officer on Zalo receives", () => {
  it("one message per answer through a whole report, then the confirmation; a '2' at the evidence question destroys nothing", async () => {
    const status = await answer("1");
    expect(status).toHaveLength(1);
    expect(status[0]).toMatch(/^Nhiệm vụ: .*\n\nTình trạng thực hiện\?\n\n1\. Chưa triển khai\n2\. Đang thực hiện\n3\. Hoàn thành\n4\. Gặp vướng mắc\n• Hủy\n/s);

    const percent = await answer("2");
    expect(percent).toEqual([expect.stringMatching(/^Đã thực hiện được bao nhiêu phần trăm\?/)]);
    const note = await answer("60");
    expect(note).toEqual([expect.stringMatching(/^Ghi chú thêm/)]);
    const evidence = await answer("Đã trình dự thảo quyết định");
    expect(evidence).toEqual([expect.stringMatching(/^Gửi ảnh hoặc tệp minh chứng.*\n\n1\. Bỏ qua\n• Hủy\n/s)]);

    // "2" was "Đang thực hiện" three answers ago; here no choice has it, so it is refused and nothing is lost.
    const two = await answer("2");
    expect(two).toEqual([expect.stringContaining("Vui lòng gửi một ảnh")]);
    const summary = await answer("1");
    expect(summary).toHaveLength(1);
    expect(summary[0]).toContain("Đã trình dự thảo quyết định");
    expect(summary[0]).toMatch(/1\. Xác nhận\n2\. Sửa\n• Hủy/);
    expect(await answer("1")).toEqual(["✅ Đã ghi nhận báo cáo (lần 1). Cảm ơn bạn!"]);

    expect(await ProgressReportModel.findOne({ agency: await agencyId("UBND") }).lean()).toMatchObject({ status: "in-progress", percent: 60, note: "Đã trình dự thảo quyết định" });
    expectNothingTwiceAndAtMostOneASecond();
  });

  it("asks once before 'hủy' throws the answers away, and 'tiếp tục' goes back to the question", async () => {
    await answer("1");
    await answer("2");
    const asked = await answer("hủy");
    expect(asked).toEqual(["Hủy báo cáo này? Những gì đồng chí đã nhập sẽ không được lưu.\n\n1. Tiếp tục\n• Hủy\n— Trả lời bằng số (ví dụ: 1) hoặc bằng chữ của lựa chọn."]);
    const back = await answer("1");
    expect(back).toEqual([expect.stringMatching(/^Đã thực hiện được bao nhiêu phần trăm\?/)]);
    expect(await answer("40")).toEqual([expect.stringMatching(/^Ghi chú thêm/)]);
    await answer("hủy");
    expect(await answer("hủy")).toEqual(["Đã hủy. Không có gì thay đổi."]);
    expect(await ProgressReportModel.countDocuments()).toBe(0);
    expectAtMostOneASecond();
  });

  it("answers a short note sent a moment after a refused long paste, and takes it: Zalo does not split pastes", async () => {
    await answer("1");
    await answer("2");
    await answer("50");
    expect(await answer("x".repeat(1500))).toEqual([expect.stringContaining("vượt quá 1.000")]);
    // At once after the refusal (the local Zalo server dates messages in real time).
    const note = await z.say(lan, "Đã họp hội đồng");
    expect(note).toEqual([expect.stringMatching(/^Gửi ảnh hoặc tệp minh chứng/)]);
    await answer("bỏ qua");
    expect((await answer("xác nhận")).join()).toContain("Đã ghi nhận");
    expect(await ProgressReportModel.findOne().lean()).toMatchObject({ note: "Đã họp hội đồng" });
  });

  it("says 'Switched to English.' once", async () => {
    const asked = await answer("/ngonngu");
    expect(asked).toEqual([expect.stringMatching(/1\. Tiếng Việt\n2\. English/)]);
    expect(await answer("2")).toEqual(["Switched to English."]);
  });
});
