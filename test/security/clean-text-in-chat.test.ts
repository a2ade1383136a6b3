import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { CalendarDayModel } from "../../models/calendar-day.ts";
import { MemberModel } from "../../models/member.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { createInvite } from "../../src/services/invites.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { openRound, RoundError } from "../../src/services/nomination-rounds.ts";
import { buttonsOf, startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Names, codes and notes (issue 18, point 7): normalised to NFC; text that holds control
 * characters, turns the direction of the text, or shows nothing is refused with a clear sentence
 * and changes nothing. Names from a Telegram profile are shown without what hides or turns text.
 */
useTestDatabase();
let harness: Harness;
let secretary: TestUser;
const RLO = "\u202E";
const ZWSP = "\u200B";
const INVISIBLE = "không có chữ nào nhìn thấy được";
const TURNED = "ký tự đảo chiều văn bản";

beforeEach(async () => {
  harness = await startHarness(new Date("2018-03-12T03:00:00Z"));
  await loadLaiChau();
  await addMember(9101, "Thư ký Ban", "secretariat");
  await addMember(9102, "Lan", "focal", "UBND");
  secretary = new TestUser(harness, 9101, "Thư ký");
});
afterEach(() => harness.stop());

describe("the directory", () => {
  it("refuses invisible and direction-turning agency names, aliases and renames, and stores names in NFC", async () => {
    const agencies = await AgencyModel.countDocuments();
    expect(textsOf(await secretary.say(`/coquan them ZW | ${ZWSP}${ZWSP}`)).join()).toContain(INVISIBLE);
    expect(textsOf(await secretary.say(`/coquan them RL | Sở Nội vụ ${RLO}exe.cod`)).join()).toContain(TURNED);
    expect(textsOf(await secretary.say(`/coquan them RI | Sở \u2066Tài chính\u2069`)).join()).toContain(TURNED);
    expect(await AgencyModel.countDocuments()).toBe(agencies);

    const decomposed = "So\u031B\u0309 Ngoa\u0323i vu\u0323";
    expect(textsOf(await secretary.say(`/coquan them SNGV | ${decomposed}`)).join()).toContain("Sở Ngoại vụ");
    expect((await AgencyModel.findOne({ code: "SNGV" }).lean())?.name).toBe("Sở Ngoại vụ");

    const before = await AgencyModel.findOne({ code: "SNV" }).lean();
    expect(textsOf(await secretary.say(`/coquan bidanh SNV | ${ZWSP}`)).join()).toContain(INVISIBLE);
    expect(textsOf(await secretary.say(`/coquan bidanh SNV | Ban TĐKT${RLO}`)).join()).toContain(TURNED);
    expect(textsOf(await secretary.say(`/coquan doiten SNV | ${RLO}vụ Nội Sở`)).join()).toContain(TURNED);
    const after = await AgencyModel.findOne({ code: "SNV" }).lean();
    expect({ name: after?.name, aliases: after?.aliases }).toEqual({ name: before?.name, aliases: before?.aliases });

    // English speakers get the same refusal in English.
    await MemberModel.updateOne({ telegramId: 9101 }, { $set: { locale: "en" } });
    expect(textsOf(await secretary.say(`/agencies add ZW | ${ZWSP}`)).join()).toContain("This text shows nothing");
  });

  it("refuses a CSV whose names or bloc names hide something, by line and column", () => {
    const header = "code,name,kind,bloc_code,bloc_name,aliases";
    const read = readAgencyCsv([header, `SNV,Sở Nội vụ,department,KTH,Khối ${RLO}tổng hợp,Ban TĐKT`, `STC,${ZWSP},department,,,`, `SYT,Sở Y tế,department,,,Y tế|${ZWSP}`].join("\n"));
    expect("problems" in read && read.problems.map((p) => `${p.line} ${p.column}`)).toEqual(["2 bloc_name", "3 name", "4 aliases.1"]);
  });
});

describe("a progress note", () => {
  it("of only zero-width characters is no note: refused, and the question stands", async () => {
    const lan = new TestUser(harness, 9102, "Lan");
    const picks = buttonsOf(await lan.say("/baocao 3/2018")).filter((button) => button.data.includes(":pick:"));
    await lan.press(picks[0]!.data);
    await lan.press("c:st:in-progress");
    expect(textsOf(await lan.say("60")).join()).toContain("Ghi chú");
    expect(textsOf(await lan.say(`${ZWSP}${ZWSP}\n${ZWSP}`))).toEqual([expect.stringContaining(INVISIBLE)]);
    expect(textsOf(await lan.say(`Đã trình ${RLO}fdp.exe`))).toEqual([expect.stringContaining(TURNED)]);
    expect(textsOf(await lan.say("Đã trình dự thảo")).join()).toContain("minh chứng");
    await lan.press("c:skip");
    await lan.press("c:ok");
    expect((await ProgressReportModel.findOne().lean())?.note).toBe("Đã trình dự thảo");
  });
});

describe("a round's title and a day off's name", () => {
  it("are refused when they hide something", async () => {
    await ensureAwardCatalogue(new Date());
    await secretary.say("/modot");
    expect(textsOf(await secretary.say(`Khen thưởng ${RLO}2018`))).toEqual([expect.stringContaining(TURNED)]);
    expect(textsOf(await secretary.say(ZWSP)).join()).toContain(INVISIBLE);
    await secretary.say("/huy");
    const refused = openRound({ title: ZWSP, kind: "nomination", awardCodes: ["GIAY-KHEN"], deadline: new Date("2018-12-01T00:00:00Z"), audience: { all: true, blocs: [], agencyCodes: [] } }, { via: "cli" }, new Date("2018-03-12T03:00:00Z"));
    await expect(refused).rejects.toMatchObject({ key: "text-refused-invisible" });
    await expect(refused).rejects.toBeInstanceOf(RoundError);
    expect(await NominationRoundModel.countDocuments()).toBe(0);

    expect(textsOf(await secretary.say(`/lich nghi 01/09/2018 ${ZWSP}`)).join()).toContain(INVISIBLE);
    expect(textsOf(await secretary.say(`/lich nghi 01/09/2018 Quốc khánh${RLO}`)).join()).toContain(TURNED);
    expect(await CalendarDayModel.countDocuments()).toBe(0);
  });
});

describe("a newcomer's name from their Telegram profile", () => {
  it("is kept without what turns or hides text, and never empty", async () => {
    const { code } = await createInvite({ role: "focal", agencyCode: "SNV", ttlHours: 72, now: harness.clock.now() }, { via: "cli" });
    await new TestUser(harness, 9103, `Hùng${RLO}gnuH`).say(`/start ${code}`);
    expect((await MemberModel.findOne({ telegramId: 9103 }).lean())?.displayName).toBe("HùnggnuH");
    const second = await createInvite({ role: "leader", ttlHours: 72, now: harness.clock.now() }, { via: "cli" });
    await new TestUser(harness, 9104, ZWSP).say(`/start ${second.code}`);
    expect((await MemberModel.findOne({ telegramId: 9104 }).lean())?.displayName).toBe("#9104");
  });
});
