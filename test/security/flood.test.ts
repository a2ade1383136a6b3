import { afterEach, beforeEach, describe, expect, it } from "vitest";
import mongoose from "mongoose";
import { FLOOD_LIMIT } from "../../src/middleware/flood-limit.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * A person's flood slows only that person (issue 18, point 2): what comes beyond the limit is not
 * read (no database, no queue), a stranger gets the welcome once in a while, and nobody's update
 * is dropped without being told. The time other chats wait meanwhile is a figure of
 * `npm run bench -- flood` (a real runner on a real clock).
 */
useTestDatabase();
let harness: Harness;

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-12T03:00:00Z"));
  await loadLaiChau();
  await addMember(6000, "Quản trị", "admin");
  await addMember(6001, "Lan", "focal", "UBND");
});
afterEach(() => harness.stop());

const sentTo = (chatId: number) => harness.telegram.calls.filter((call) => call.method === "sendMessage" && Number(call.params.chat_id) === chatId).map((call) => String(call.params.text));

describe("a stranger's flood", () => {
  it("of 1,500 messages gets one welcome and one 'slow down', and reaches the database 20 times", async () => {
    const stranger = new TestUser(harness, 6999, "Khách");
    // Every update read past the limit looks its sender up: count the lookups.
    let lookups = 0;
    mongoose.set("debug", (collection: string, method: string) => void (collection === "members" && method.startsWith("find") && lookups++));
    for (let i = 0; i < 1500; i++) await stranger.say(`tin nhắn ${i}`);
    mongoose.set("debug", false);
    const received = sentTo(6999);
    expect(received).toHaveLength(2);
    expect(received[0]).toContain("đường dẫn mời");
    expect(received[1]).toContain("Bạn gửi nhanh hơn dondoc đọc kịp");
    // Only the updates within the limit were taken at all.
    expect(lookups).toBe(FLOOD_LIMIT.updates);

    // Everyone else is answered at once, as always.
    const admin = new TestUser(harness, 6000, "Quản trị");
    expect(textsOf(await admin.say("/trogiup")).join()).toContain("/thanhvien");

    // After the window, the stranger is read again, and is not welcomed again within the while.
    await harness.clock.sleep(FLOOD_LIMIT.windowMs);
    expect(textsOf(await stranger.say("xin chào"))).toEqual([]);
    await harness.clock.sleep(10 * 60_000);
    expect(textsOf(await stranger.say("xin chào"))).toEqual([expect.stringContaining("đường dẫn mời")]);
    expect(sentTo(6999)).toHaveLength(3);
  });

  it("of /start and button presses is cut the same way", async () => {
    const stranger = new TestUser(harness, 6998, "Khách", "en");
    for (let i = 0; i < 100; i++) await stranger.say("/start");
    for (let i = 0; i < 100; i++) await stranger.press("r:5a9f1c2b3d4e5f6a7b8c9d0e:201803");
    expect(sentTo(6998)).toEqual([expect.stringContaining("invite"), expect.stringContaining("You are writing faster than dondoc reads")]);
    const answers = harness.telegram.calls.filter((call) => call.method === "answerCallbackQuery");
    // Presses after the limit are not read; the window's one notice went as a message already.
    expect(answers).toHaveLength(0);
  });
});

describe("an officer writing faster than the limit", () => {
  it("is told what was not read, once, and is read again after the window", async () => {
    const lan = new TestUser(harness, 6001, "Lan");
    expect(textsOf(await lan.say("/baocao 3/2018")).join()).toContain("nhiệm vụ");
    const answers: string[][] = [];
    for (let i = 0; i < FLOOD_LIMIT.updates + 5; i++) answers.push(textsOf(await lan.say(`ghi chú ${i}`)));
    // Every message within the limit was answered by the dialogue; the first one beyond got the notice.
    expect(answers.slice(0, FLOOD_LIMIT.updates - 1).every((texts) => texts.join().includes("Vui lòng chọn"))).toBe(true);
    expect(answers[FLOOD_LIMIT.updates - 1]).toEqual([expect.stringContaining("chưa được nhận")]);
    expect(answers.slice(FLOOD_LIMIT.updates).flat()).toEqual([]);
    await harness.clock.sleep(FLOOD_LIMIT.windowMs);
    // The dialogue is still there, and takes the next answer.
    expect(textsOf(await lan.say("/huy")).join()).toContain("Đã hủy");
  });
});
