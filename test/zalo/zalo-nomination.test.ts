import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NominationReportModel } from "../../models/nomination-report.ts";
import type { ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { createInvite } from "../../src/services/invites.ts";
import { TestUser, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";
import { startZaloHarness, type ZaloHarness } from "../support/zalo-harness.ts";

/** The secretariat opens a round on Telegram; an officer on Zalo answers the counts with numbers and words. */
useTestDatabase();
const NOW = new Date("2018-11-20T02:00:00Z");
const officer: ZaloUser = { id: "5a5b5c5d5e5f60616263", display_name: "Lan Zalo" };
let z: ZaloHarness;
let harness: Harness;

beforeEach(async () => {
  z = await startZaloHarness(NOW, [officer]);
  harness = z.harness;
  await loadLaiChau();
  await ensureAwardCatalogue(new Date());
  await addMember(9001, "Thư ký", "secretariat");
});
afterEach(() => z.stop());

const say = async (text: string) => (await z.say(officer, text)).join("\n");

describe("nomination counts on Zalo", () => {
  it("are given with numbers, refused when wrong, confirmed by a choice's words", async () => {
    const invite = await createInvite({ role: "focal", agencyCode: "SNV", ttlHours: 72, now: NOW }, { via: "cli" });
    await say(invite.code);
    const secretary = new TestUser(harness, 9001, "Thư ký");
    await secretary.say("/modot");
    await secretary.say("Khen thưởng tổng kết năm 2018");
    await secretary.press("c:kind:nomination");
    await secretary.press("c:pick:CSTD-CO-SO");
    await secretary.press("c:pick:TT-LAO-DONG-XUAT-SAC");
    await secretary.press("c:done");
    await secretary.say("30/11/2018");
    await secretary.press("c:aud:blocs");
    await secretary.press("c:pick:KTH");
    await secretary.press("c:done");
    await secretary.press("c:ok");

    await z.deliverOutbox();
    const invitation = z.zalo.textsTo(officer.id).at(-1)!;
    expect(invitation).toContain("Chiến sĩ thi đua cơ sở");
    expect(invitation).toMatch(/\n1\. /);

    expect(await say("1")).toMatch(/Chiến sĩ thi đua cơ sở — số cá nhân/);
    expect(await say("-2")).toContain("Số lượng không thể âm");
    expect(await say("ba người")).toContain("Vui lòng nhập một số nguyên");
    expect(await say("12")).toMatch(/Tập thể lao động xuất sắc — số tập thể/);
    const review = await say("80");
    expect(review).toContain("lớn bất thường");
    expect(review).toMatch(/1\. .*\n2\. /);
    expect(await say("2")).toMatch(/Tập thể lao động xuất sắc — số tập thể/);
    const summary = await say("4");
    expect(summary).toMatch(/Chiến sĩ thi đua cơ sở\s+–\s+12/);
    expect(await NominationReportModel.countDocuments()).toBe(0);
    expect(await say("xác nhận")).toContain("(lần 1)");
    const saved = await NominationReportModel.findOne().lean();
    expect(saved!.counts.map((line) => [line.award, line.collective ?? 0, line.individual ?? 0])).toEqual([
      ["CSTD-CO-SO", 0, 12],
      ["TT-LAO-DONG-XUAT-SAC", 4, 0],
    ]);
  });
});
