import { TEST_SCHEDULES } from "../support/schedules.ts";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { MemberModel } from "../../models/member.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import type { BotDeps } from "../../src/bot-deps.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { failedDeliveries, retryDelivery } from "../../src/services/failed-deliveries.ts";
import { flushGroupNotices } from "../../src/services/group-notices.ts";
import { notifyUnreachable } from "../../src/services/unreachable-notice.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
const telegram = new LocalBotApi();
const GROUP = -100777;
let api: Api;
beforeAll(async () => {
  api = new Api("123456:TEST-TOKEN-abcdefghijklmnopqrstu", { apiRoot: await telegram.start() });
});
afterAll(() => telegram.stop());

describe("the March push, delivered", () => {
  it("gets through a 429 and a 403, tells the secretariat, and sends nothing twice when re-run", async () => {
    await loadLaiChau();
    await addMember(6001, "Cán bộ UBND", "focal", "UBND");
    await addMember(6002, "Cán bộ Sở Nội vụ", "focal", "SNV");
    await addMember(6003, "Cán bộ Báo", "focal", "BAOLC");
    const asOf = new Date("2018-03-01T01:00:00Z");
    const clock = new ManualClock(asOf);
    const config = { timeZone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" as const, secretariatChatId: GROUP };
    const deps = { config, clock, wakeOutbox: () => undefined } as unknown as BotDeps;
    const outbox = new OutboxSender({ api, clock, onUnreachable: (member) => notifyUnreachable(member, deps) });
    const schedules = TEST_SCHEDULES;

    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 5", retry_after: 5 }, 6001);
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, 6002);
    const before = telegram.callsOf("sendMessage").length;
    await runJob("monthly-push", jobContext(config, asOf), schedules);
    await outbox.drain();
    await clock.sleep(5000);
    await outbox.drain();
    // A second run of the same month queues and sends nothing more.
    await runJob("monthly-push", jobContext(config, new Date("2018-03-01T05:00:00Z")), schedules);
    await outbox.drain();
    // The secretariat hears of the blocked officer with the other notices of the moment.
    await flushGroupNotices(config, clock.now());
    await outbox.drain();

    const delivered = telegram.callsOf("sendMessage").slice(before);
    const toChat = (chatId: number) => delivered.filter((call) => Number(call.params.chat_id) === chatId);
    // 6001: refused once (429), then sent; 6002: blocked; 6003: sent; the group: told about 6002.
    expect(toChat(6001)).toHaveLength(2);
    expect(toChat(6003)).toHaveLength(1);
    expect(await OutboxMessageModel.find({ purpose: "monthly-push" }).sort({ chatId: 1 }).lean().then((list) => list.map((m) => [m.chatId, m.state]))).toEqual([
      [6001, "sent"],
      [6002, "failed"],
      [6003, "sent"],
    ]);
    expect((await MemberModel.findOne({ telegramId: 6002 }).lean())?.status).toBe("unreachable");
    expect(String(toChat(GROUP)[0]?.params.text)).toContain("Cán bộ Sở Nội vụ");
    expect(toChat(GROUP)).toHaveLength(1);

    // Sent messages expire after the retention time; the failed one is kept for a person.
    const sent = (await OutboxMessageModel.findOne({ chatId: 6003 }).lean())!;
    expect(sent.expireAt!.getTime() - sent.sentAt!.getTime()).toBe(90 * 86_400_000);
    // A person sees it, the officer unblocks the bot, and it is sent again.
    const [failed] = await failedDeliveries(new Date(0));
    expect(failed).toMatchObject({ who: "Cán bộ Sở Nội vụ", purpose: "monthly-push", error: expect.stringContaining("blocked") });
    expect((await OutboxMessageModel.findById(failed!.id).lean())!.expireAt).toBeNull();
    expect(await retryDelivery(failed!.id, clock.now())).toBe(true);
    expect(await retryDelivery(failed!.id, clock.now())).toBe(false);
    await outbox.drain();
    expect(await OutboxMessageModel.findById(failed!.id).lean()).toMatchObject({ state: "sent" });
    expect((await MemberModel.findOne({ telegramId: 6002 }).lean())?.status).toBe("active");
  });

  it("never gives a message up for 429s, and a group's 429 holds that group only", async () => {
    const clock = new ManualClock(new Date("2018-03-01T01:00:00Z"));
    const outbox = new OutboxSender({ api, clock });
    const { enqueueMessage } = await import("../../src/outbox/enqueue.ts");
    await enqueueMessage({ key: "storm", chatId: 6101, text: "Nhiệm vụ", purpose: "monthly-push", notBefore: clock.now() });
    // Ten "retry after 1" in a row: more than the eight attempts a failing message gets.
    for (let i = 0; i < 10; i++) telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 }, 6101);
    for (let i = 0; i < 11; i++) {
      await outbox.drain();
      await clock.sleep(1000);
    }
    expect(await OutboxMessageModel.findOne({ key: "storm" }).lean()).toMatchObject({ state: "sent", attempts: 1 });

    // The group asks to wait a minute; a private message queued after it goes at once.
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 60", retry_after: 60 }, GROUP);
    await enqueueMessage({ key: "group-line", chatId: GROUP, text: "Báo cáo mới", purpose: "group-notices", notBefore: clock.now() });
    await outbox.drain();
    await enqueueMessage({ key: "private-after", chatId: 6102, text: "Nhắc nhở", purpose: "reminder", notBefore: clock.now() });
    const started = clock.now().getTime();
    await outbox.drain();
    expect(await OutboxMessageModel.findOne({ key: "private-after" }).lean()).toMatchObject({ state: "sent" });
    expect(clock.now().getTime() - started).toBeLessThan(60_000);
    expect(await OutboxMessageModel.findOne({ key: "group-line" }).lean()).toMatchObject({ state: "pending" });
  });
});

