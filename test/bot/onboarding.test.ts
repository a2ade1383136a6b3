import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { InviteModel } from "../../models/invite.ts";
import { MemberModel } from "../../models/member.ts";
import { createInvite } from "../../src/services/invites.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
let harness: Harness;
beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-01T02:00:00Z"));
  await loadLaiChau();
});
afterEach(() => harness.stop());

const invite = (role: "focal" | "secretariat" | "leader", agencyCode?: string) =>
  createInvite({ role, agencyCode, ttlHours: 72, now: harness.clock.now() }, { via: "cli", name: "test" });

describe("onboarding by invite", () => {
  it("registers a focal officer of an agency with a valid invite, once", async () => {
    const { code } = await invite("focal", "SNV");
    const lan = new TestUser(harness, 3001, "Lan");
    const calls = await lan.say(`/start ${code}`);
    expect(textsOf(calls).join("\n")).toContain("cán bộ đầu mối của Sở Nội vụ");
    const member = await MemberModel.findOne({ telegramId: 3001 }).lean();
    expect(member?.roles.map((r) => r.role)).toEqual(["focal"]);
    // Their command menu now offers /baocao, in Vietnamese by default and English beside it.
    const menus = calls.filter((c) => c.method === "setMyCommands");
    expect(menus).toHaveLength(2);
    expect(JSON.stringify(menus[0]!.params)).toContain("baocao");
    expect(JSON.stringify(menus[1]!.params)).toContain('"language_code":"en"');
    expect(await AuditEntryModel.countDocuments({ action: "invite.used" })).toBe(1);

    // The same code again, by someone else: refused, nothing changes.
    const other = new TestUser(harness, 3002, "Hùng");
    expect(textsOf(await other.say(`/start ${code}`)).join()).toContain("đã được dùng");
    expect(await MemberModel.countDocuments()).toBe(1);
  });

  it("refuses forged and expired codes, and tells strangers how to get an invite", async () => {
    const stranger = new TestUser(harness, 3003, "Minh");
    expect(textsOf(await stranger.say("/start forged-code-123")).join()).toContain("Mã mời không đúng");
    expect(textsOf(await stranger.say("/start ../../etc")).join()).toContain("Mã mời không đúng");
    const { code } = await invite("leader");
    await harness.clock.sleep(73 * 3_600_000);
    expect(textsOf(await stranger.say(`/start ${code}`)).join()).toContain("hết hạn");
    expect(await InviteModel.countDocuments({ usedAt: { $ne: null } })).toBe(0);
    expect(await MemberModel.countDocuments()).toBe(0);

    // A stranger sees nothing else: how to get an invite, once in a while, whatever they send.
    expect(textsOf(await stranger.say("/baocao"))).toEqual([expect.stringContaining("đường dẫn mời")]);
    for (const command of ["/tinhhinh", "/chuabaocao", "/quahan", "/nhacnho", "/moi", "hello", "/start", "/trogiup"]) {
      expect(textsOf(await stranger.say(command)), command).toEqual([]);
    }
    const pressed = await stranger.press("r:5a9f1c2b3d4e5f6a7b8c9d0e:201803");
    expect(pressed.map((c) => [c.method, c.params.text])).toEqual([["answerCallbackQuery", undefined]]);
    await harness.clock.sleep(10 * 60_000);
    const again = await stranger.press("r:5a9f1c2b3d4e5f6a7b8c9d0e:201803");
    expect(again.find((c) => c.method === "answerCallbackQuery")?.params.text).toContain("chưa được đăng ký");
    await harness.clock.sleep(10 * 60_000);
    expect(textsOf(await stranger.say("/start"))[0]).toContain("đường dẫn mời");
  });

  it("speaks English to an English-speaking newcomer", async () => {
    const { code } = await invite("secretariat");
    const anne = new TestUser(harness, 3004, "Anne", "en");
    expect(textsOf(await anne.say(`/start ${code}`)).join()).toContain("registered with the Emulation and Commendation Board");
  });
});
