import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemberModel } from "../../models/member.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { enqueueMessage } from "../../src/outbox/enqueue.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
const telegram = new LocalBotApi();
let api: Api;
beforeAll(async () => {
  api = new Api("123456:TEST-TOKEN-abcdefghijklmnopqrstu", { apiRoot: await telegram.start() });
});
afterAll(() => telegram.stop());

const start = new Date("2018-03-01T01:00:00Z");
const queue = (key: string, chatId: number, text = `tin ${key}`, member: unknown = null) =>
  enqueueMessage({ key, chatId, text, purpose: "test", member: member as never, notBefore: start });

function sender(clock: ManualClock, unreachable: string[] = []) {
  return new OutboxSender({ api, clock, onUnreachable: async (id) => void unreachable.push(String(id)) });
}

describe("the outbox", () => {
  it("keeps one message a second per chat and sends each once", async () => {
    const clock = new ManualClock(start);
    const before = telegram.callsOf("sendMessage").length;
    for (const key of ["a1", "a2", "a3"]) await queue(key, 2001);
    await queue("b1", 2002);
    expect(await queue("a1", 2001)).toBe(false);
    expect(await sender(clock).drain()).toBe(4);
    const sent = telegram.callsOf("sendMessage").slice(before);
    const texts = sent.map((call) => String(call.params.text));
    // b1 goes beside a1 (several sends in flight); one chat's messages keep their order.
    expect([...texts].sort()).toEqual(["tin a1", "tin a2", "tin a3", "tin b1"]);
    expect(texts.indexOf("tin a1")).toBeLessThan(texts.indexOf("tin a2"));
    expect(texts.indexOf("tin a2")).toBeLessThan(texts.indexOf("tin a3"));
    expect(texts.indexOf("tin b1")).toBeLessThan(texts.indexOf("tin a2"));
    // Three messages to one chat took two seconds of (virtual) time at least.
    expect(clock.now().getTime() - start.getTime()).toBeGreaterThanOrEqual(2000);
    expect(await OutboxMessageModel.countDocuments({ state: "sent", sentMessageId: { $ne: null } })).toBe(4);
    expect(await sender(clock).drain()).toBe(0);
  });

  it("waits as long as a 429 says, then sends", async () => {
    const clock = new ManualClock(start);
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", retry_after: 7 }, 2003);
    await queue("c1", 2003);
    const outbox = sender(clock);
    expect(await outbox.drain()).toBe(0);
    await clock.sleep(6000);
    expect(await outbox.drain()).toBe(0);
    await clock.sleep(1000);
    expect(await outbox.drain()).toBe(1);
    // A 429 is Telegram asking to wait, not a failed attempt.
    expect(await OutboxMessageModel.findOne({ key: "c1" }).lean()).toMatchObject({ state: "sent", attempts: 1 });
  });

  it("marks a member who blocked the bot unreachable, once, and keeps going", async () => {
    const clock = new ManualClock(start);
    const member = await addMember(2004, "Cán bộ đã chặn bot", "focal", undefined);
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, 2004);
    await queue("d1", 2004, "tin d1", member._id);
    await queue("d2", 2005);
    const unreachable: string[] = [];
    expect(await sender(clock, unreachable).drain()).toBe(1);
    expect(await MemberModel.findById(member._id).lean()).toMatchObject({ status: "unreachable" });
    expect(unreachable).toEqual([String(member._id)]);
    expect(await OutboxMessageModel.findOne({ key: "d1" }).lean()).toMatchObject({ state: "failed", lastError: expect.stringContaining("blocked") });
  });

  it("keeps a 400 with its error for a person, and retries server errors with backoff", async () => {
    const clock = new ManualClock(start);
    await queue("e1", 2006, "<b>không đóng thẻ");
    telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, 2007);
    await queue("e2", 2007);
    await sender(clock).drain();
    expect(await OutboxMessageModel.findOne({ key: "e1" }).lean()).toMatchObject({ state: "failed", lastError: expect.stringContaining("can't parse entities") });
    const retried = await OutboxMessageModel.findOne({ key: "e2" }).lean();
    expect(retried).toMatchObject({ state: "pending", attempts: 1 });
    expect(retried!.notBefore.getTime()).toBeGreaterThan(clock.now().getTime());
    await clock.sleep(2000);
    expect(await sender(clock).drain()).toBe(1);
  });

  it("puts back a message a dead process left in flight", async () => {
    const clock = new ManualClock(start);
    await queue("f1", 2008);
    await OutboxMessageModel.updateOne({ key: "f1" }, { $set: { state: "sending", claimedAt: start } });
    await clock.sleep(120_000);
    const outbox = sender(clock);
    expect(await outbox.recoverStale()).toBe(1);
    expect(await outbox.drain()).toBe(1);
  });
});
