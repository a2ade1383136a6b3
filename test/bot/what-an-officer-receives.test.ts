import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api } from "grammy";
import mongoose from "mongoose";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import type { RecordedCall } from "../../devkit/bot-api/local-bot-api.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { startHarness, TestUser, TOKEN, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Every Bot API call a focal officer's answers cause on Telegram, answer by answer: a press is
 * acknowledged and answered by one message, a typed answer by one message; nothing earlier is
 * sent again.
 */
useTestDatabase();
let harness: Harness;
let officer: TestUser;
const MARCH_1 = new Date("2018-03-01T01:00:00Z");

beforeEach(async () => {
  harness = await startHarness(MARCH_1);
  await loadLaiChau();
  await addMember(4101, "Lan", "focal", "UBND");
  officer = new TestUser(harness, 4101, "Lan");
});
afterEach(() => harness.stop());

/** What a person sees of a batch of calls: "method: first words". */
function seen(calls: RecordedCall[]): string[] {
  return calls.map((call) => {
    const text = String(call.params.text ?? call.params.caption ?? "").replace(/<[^>]+>/g, "");
    return text ? `${call.method}: ${text.split("\n")[0]!.slice(0, 40)}` : call.method;
  });
}

describe("what a focal officer on Telegram receives", () => {
  it("one acknowledgement and one message per answer, from the push's button to the confirmation", async () => {
    const button = await firstPushButton();
    expect(seen(await officer.press(button))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Nhiệm vụ: /)]);
    expect(seen(await officer.press("c:st:in-progress"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Đã thực hiện được bao nhiêu /)]);
    expect(seen(await officer.say("60"))).toEqual([expect.stringMatching(/^sendMessage: Ghi chú thêm \(không bắt buộc/)]);
    expect(seen(await officer.say("Đã trình <dự thảo> & gửi Sở"))).toEqual([expect.stringMatching(/^sendMessage: Gửi ảnh hoặc tệp minh chứng /)]);
    expect(seen(await officer.press("c:skip"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Nhiệm vụ: /)]);
    // The dialogue's state, written at every answer, keeps the officer's answers but not the questions it sent.
    const state = JSON.stringify(await mongoose.connection.db!.collection("conversations").findOne({ key: "4101" }));
    expect(state).toContain("Đã trình <dự thảo> & gửi Sở");
    expect(state).not.toContain("Đã thực hiện được bao nhiêu");
    expect(seen(await officer.press("c:ok"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: ✅ Đã ghi nhận báo cáo \(lần 1/)]);

    // Every message of the dialogue went once: the HTML the officer's own words are in was accepted as it is.
    const texts = harness.telegram.calls.filter((call) => call.method === "sendMessage" && Number(call.params.chat_id) === 4101).map((call) => String(call.params.text));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.at(-2)).toContain("Đã trình &lt;dự thảo&gt; &amp; gửi Sở");
  });

  it("a press on a destroying answer asks once; stepping back sends the question again, once", async () => {
    await officer.press(await firstPushButton());
    await officer.press("c:st:blocked");
    await officer.say("20");
    await officer.say("Chờ ý kiến");
    await officer.press("c:skip");
    await officer.press("c:edit");
    await officer.press("c:skip");
    await officer.press("c:skip");
    // The note question now offers "Xóa": it asks before it removes.
    expect(seen(await officer.press("c:remove"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Xóa ghi chú đã nhập\?/)]);
    expect(seen(await officer.press("c:keep"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Ghi chú hiện tại: Chờ ý kiến/)]);
    await officer.press("c:remove");
    expect(seen(await officer.press("c:go"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Gửi ảnh hoặc tệp minh chứng /)]);
  });

  it("a dialogue left unanswered past the idle limit ends: the next answer is told so, and nothing is saved", async () => {
    await officer.press(await firstPushButton());
    // Within the limit (30 minutes in the harness) the dialogue goes on.
    harness.clock.set(new Date(MARCH_1.getTime() + 29 * 60_000));
    expect(seen(await officer.press("c:st:in-progress"))).toEqual(["answerCallbackQuery", expect.stringMatching(/^sendMessage: Đã thực hiện được bao nhiêu /)]);
    harness.clock.set(new Date(MARCH_1.getTime() + 29 * 60_000 + 31 * 60_000));
    const late = seen(await officer.say("60"));
    expect(late[0]).toMatch(/^sendMessage: ⌛ Phiên làm việc đã hết hạn/);
    // The answer is then read as outside any dialogue: no question of the old one follows.
    expect(late.slice(1).join("\n")).not.toMatch(/Ghi chú thêm/);
    expect(await mongoose.connection.db!.collection("conversations").findOne({ key: "4101" })).toBeNull();
    expect(await mongoose.connection.db!.collection("progressreports").countDocuments()).toBe(0);
  });
});

/** The push of 1 March, delivered; the data of its first report button. */
async function firstPushButton(): Promise<string> {
  await runJob("monthly-push", jobContext(harness.deps.config, MARCH_1), harness.deps.config.schedules);
  await new OutboxSender({ api: new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot }), clock: harness.clock }).drain();
  const push = await OutboxMessageModel.findOne({ chatId: 4101, purpose: "monthly-push" }).lean();
  return (push!.payload as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard[0]![0]!.callback_data;
}
