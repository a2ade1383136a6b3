import { describe, expect, it } from "vitest";
import { reportButton } from "../../src/chat/callback-data.ts";
import { translatorFor } from "../../src/i18n.ts";
import { choicesOf, plainText, readReply, readReplyToChat, zaloMessages } from "../../src/zalo/zalo-text.ts";
import { isZaloChatId, numberForZaloId, zaloFileId, zaloFileUrl } from "../../src/chat-networks.ts";

const t = translatorFor("vi");
const milestone = (n: number) => n.toString(16).padStart(24, "0");

describe("messages on Zalo", () => {
  it("drops formatting cleanly and reads entities back", () => {
    expect(plainText("<b>Chủ trì</b> &amp; <i>phối hợp</i>: 5 &lt; 7<br>xong")).toBe("Chủ trì & phối hợp: 5 < 7\nxong");
    expect(plainText('<a href="https://t.me/x">nhóm</a> <code>SNV</code>')).toBe("nhóm (https://t.me/x) SNV");
  });

  it("numbers choices, keeps a task's number on report buttons, and lists numeric answers by their words", () => {
    const status = choicesOf([[{ text: "Chưa triển khai", callback_data: "c:abcd1:st:a" }], [{ text: "✖️ Hủy", callback_data: "c:abcd1:cancel" }]]);
    expect(status.map((c) => [c.number, c.label])).toEqual([[1, "Chưa triển khai"], [2, "Hủy"]]);
    const percent = choicesOf([[{ text: "0%", callback_data: "c:abcd2:pct:0" }, { text: "25%", callback_data: "c:abcd2:pct:25" }], [{ text: "✖️ Hủy", callback_data: "c:abcd2:cancel" }]]);
    expect(percent.map((c) => c.number)).toEqual([null, null, null]);
    const reports = choicesOf([[{ text: "📝 Báo cáo 11", callback_data: reportButton.build({ milestoneId: milestone(1), period: "2018-03", saidDone: false }) }, { text: "📝 Báo cáo 12", callback_data: reportButton.build({ milestoneId: milestone(2), period: "2018-03", saidDone: false }) }]]);
    expect(reports.map((c) => c.number)).toEqual([11, 12]);
  });

  it("splits long text at lines under 2,000 characters, the choices with the last part", () => {
    const long = Array.from({ length: 120 }, (_, i) => `${i + 1}. Nhiệm vụ thi đua chuyên đề số ${i + 1}`).join("\n");
    const parts = zaloMessages(long, choicesOf([[{ text: "Xác nhận", callback_data: "c:abcd1:ok" }]]), t, "HTML");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.at(-1)).toContain("1. Xác nhận");
    expect(parts.join("\n")).toContain("120. Nhiệm vụ");
  });

  it("reads a reply as the choice it names, by number or by words, and anything else as text", () => {
    const choices = choicesOf([[{ text: "Bỏ qua", callback_data: "c:abcd3:skip" }, { text: "✖️ Hủy", callback_data: "c:abcd3:cancel" }]]);
    expect(readReply("2", choices)).toMatchObject({ kind: "choice", choice: { data: "c:abcd3:cancel" } });
    expect(readReply(" bỏ QUA ", choices)).toMatchObject({ kind: "choice", choice: { data: "c:abcd3:skip" } });
    expect(readReply("3", choices)).toEqual({ kind: "text" });
    expect(readReply("2,5", choices)).toEqual({ kind: "text" });
    expect(readReply("2.", choices)).toMatchObject({ kind: "choice", choice: { data: "c:abcd3:cancel" } });
    expect(readReply("Đã gửi công văn", choices)).toEqual({ kind: "text" });
    const counts = choicesOf([[{ text: "0", callback_data: "c:abcd4:num:0" }, { text: "2", callback_data: "c:abcd4:num:2" }]]);
    expect(readReply("2", counts)).toMatchObject({ kind: "choice", choice: { data: "c:abcd4:num:2" } });
    expect(readReply("-2", counts)).toEqual({ kind: "text" });
    expect(readReply("2,5", counts)).toEqual({ kind: "text" });
    const reports = choicesOf([[{ text: "📝 Báo cáo 3", callback_data: reportButton.build({ milestoneId: milestone(3), period: "2018-03", saidDone: false }) }]]);
    expect(readReply("3 xong", reports)).toMatchObject({ kind: "choice", rest: "xong" });
  });

  it("gives Zalo chats numbers no Telegram chat has, the same each time", () => {
    const id = numberForZaloId("e4ea2cd5189df1c3a88c");
    expect(id).toBe(numberForZaloId("e4ea2cd5189df1c3a88c"));
    expect(Number.isSafeInteger(id) && isZaloChatId(id)).toBe(true);
    expect(isZaloChatId(7_000_000_001)).toBe(false);
    expect(isZaloChatId(-1001000000001)).toBe(false);
    expect(zaloFileUrl(zaloFileId("https://zalo.example/p.jpg?a=1"))).toBe("https://zalo.example/p.jpg?a=1");
  });

  it("reads a number against the open dialogue only, else against the latest menu or due list", () => {
    const question = { choices: choicesOf([[{ text: "0%", callback_data: "c:abcd5:pct:0" }, { text: "✖️ Hủy", callback_data: "c:abcd5:cancel" }]]), messageId: 7, at: new Date(2000) };
    const push = { choices: choicesOf([[{ text: "📝 Báo cáo 3", callback_data: reportButton.build({ milestoneId: milestone(3), period: "2018-03", saidDone: false }) }]]), messageId: 5, at: new Date(3000) };
    // At the percent question, "3" is a percentage even though a newer reminder names task 3.
    expect(readReplyToChat("3", question, push, true).reading).toEqual({ kind: "text" });
    // Once the dialogue is over, its choices no longer count and "3" is the task.
    expect(readReplyToChat("3", question, push, false)).toMatchObject({ reading: { kind: "choice", choice: { data: push.choices[0]!.data } }, messageId: 5 });
    const menu = { choices: choicesOf([[{ text: "Tiếng Việt", callback_data: "lang:vi" }, { text: "English", callback_data: "lang:en" }]]), messageId: 9, at: new Date(4000) };
    expect(readReplyToChat("2", menu, push, false)).toMatchObject({ reading: { kind: "choice", choice: { data: "lang:en" } }, messageId: 9 });
    expect(readReplyToChat("3 xong", menu, push, false)).toMatchObject({ reading: { kind: "choice", rest: "xong" }, messageId: 5 });
  });
});
