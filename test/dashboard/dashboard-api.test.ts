import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import { EvidenceFileModel } from "../../models/evidence-file.ts";
import { MemberModel } from "../../models/member.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { ManualClock } from "../../src/time/clock.ts";
import { dashboardLink } from "../../src/services/dashboard-access.ts";
import type { AgencyMonthView, DashboardYear, RoundView } from "../../src/services/dashboard-data.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { openRound, submitNomination } from "../../src/services/nomination-rounds.ts";
import { forgetYearAnswers } from "../../src/services/dashboard-figures.ts";
import { forgetDashboardKeys, rotateDashboardKeys } from "../../src/services/dashboard-keys.ts";
import { loadFiguresForMonths } from "../../src/services/month-figures-data.ts";
import { mergeAgency } from "../../src/services/agency-changes.ts";
import { submitProgressReport } from "../../src/services/progress-reports.ts";
import { startHarness, TestUser, textsOf, TOKEN, type Harness } from "../support/bot-harness.ts";
import { DashboardClient, launchData, loginQuery, startDashboard, type DashboardServer } from "../support/dashboard-client.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { seedAnswers } from "../support/seeded-answers.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The dashboard's API over HTTP, as the page calls it: a session opened once with what Telegram
 * or the bot gave, then every answer cut to the viewer's role on the server. Its numbers are the
 * month's figures, the same as /tinhhinh's and the digest's.
 */
useTestDatabase();
// Monday 23 April 2018, 08:00 in Lai Châu (the bot's clock); credentials live in real time.
const NOW = new Date("2018-04-23T01:00:00Z");
const REAL = new Date("2026-05-04T03:00:00Z");
let harness: Harness;
let authClock: ManualClock;
let dashboard: DashboardServer;
let client: DashboardClient;
// A 1×1 PNG: evidence a browser can show.
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

beforeEach(async () => {
  forgetDashboardKeys();
  forgetYearAnswers();
  harness = await startHarness(NOW);
  authClock = new ManualClock(REAL);
  dashboard = await startDashboard({ botToken: TOKEN, timeZone: "Asia/Ho_Chi_Minh", clock: harness.clock, authClock, telegramApiRoot: harness.deps.config.telegramApiRoot });
  client = new DashboardClient(dashboard.url);
  await loadLaiChau();
  await addMember(7001, "Thư ký", "secretariat");
  await addMember(7002, "Lãnh đạo", "leader");
  await addMember(7003, "Cán bộ UBND", "focal", "UBND");
});
afterEach(async () => {
  await dashboard.stop();
  await harness.stop();
});

const AGENCIES = /(\d+)\/(\d+) đơn vị đã báo cáo đủ; (\d+) báo cáo một phần; (\d+) chưa báo cáo\./;
const TASKS = /Nhiệm vụ đến hạn đã có báo cáo: (\d+)\/(\d+) \((\d+)%\)/;

describe("the dashboard's figures", () => {
  it("are /tinhhinh's and the digest's, month by month, for the whole province", async () => {
    for (const at of ["2018-02-01T08:00:00+07:00", "2018-03-01T08:00:00+07:00", "2018-04-02T08:00:00+07:00"]) await runJob("monthly-push", jobContext(harness.deps.config, new Date(at)), harness.deps.config.schedules);
    await seedAnswers({ periods: ["2018-02", "2018-03", "2018-04"], seed: 7 });
    const secretary = new TestUser(harness, 7001, "Thư ký");
    const leader = new TestUser(harness, 7002, "Lãnh đạo");

    expect((await client.open("telegram", launchData(7002, TOKEN, REAL))).status).toBe(200);
    const { status, body: year } = await client.json<DashboardYear>("year/2018");
    expect(status).toBe(200);
    expect(year.months).toEqual(["2018-01", "2018-02", "2018-03", "2018-04"]);
    expect(year.agencies.length).toBeGreaterThan(50);
    expect(year.cells).toHaveLength(year.agencies.length);
    expect(year.cells.every((row) => row.length === 4)).toBe(true);

    for (const period of ["2018-03", "2018-04"]) {
      const month = `${Number(period.slice(5))}/2018`;
      const tinhhinh = textsOf(await secretary.say(`/tinhhinh ${month}`)).join("\n");
      const digest = textsOf(await leader.say(`/tonghop ${month}`))[0]!;
      const agencies = AGENCIES.exec(tinhhinh)!;
      const tasks = TASKS.exec(tinhhinh)!;
      expect(AGENCIES.exec(digest)![0]).toBe(agencies[0]);
      const totals = year.totals[year.months.indexOf(period)]!;
      expect([totals.reported, totals.owing, totals.partly, totals.notReported]).toEqual([1, 2, 3, 4].map((i) => Number(agencies[i])));
      expect([totals.answered, totals.owed, Math.floor((totals.answered * 100) / totals.owed)]).toEqual([1, 2, 3].map((i) => Number(tasks[i])));
      // The matrix's column adds up to the same: each cell is an agency's month of the same figures.
      const column = year.cells.map((row) => row[year.months.indexOf(period)]!);
      expect(column.filter(([state]) => state === 3)).toHaveLength(totals.reported);
      expect(column.filter(([state]) => state === 2)).toHaveLength(totals.partly);
      expect(column.filter(([state]) => state === 1)).toHaveLength(totals.notReported);
      expect(column.reduce((sum, [, answered]) => sum + answered, 0)).toBe(totals.answered);
    }
    // January: dondoc was not in use, and says so.
    expect(year.totals[0]!.inUse).toBe(false);
    expect(year.totals[3]!.inUse).toBe(true);

    // Kept between requests, the year is summed again where reports change: always the figures read afresh.
    const months = [1, 2, 3, 4].map((month) => ({ year: 2018, month }));
    const afresh = async () => (await loadFiguresForMonths(months)).map((figures) => ({ ...figures.totals, agencies: figures.agencies.map((entry) => [entry.agency.code, entry.state, entry.answered, entry.owed]) }));
    const served = async () => {
      const body = (await client.json<DashboardYear>("year/2018")).body;
      return body.totals.map(({ period: _period, inUse: _inUse, ...totals }, index) => ({ ...totals, agencies: body.agencies.map((agency, row) => [agency.code, ["nothing-due", "not-reported", "partly", "reported"][body.cells[row]![index]![0]], body.cells[row]![index]![1], body.cells[row]![index]![2]]) }));
    };
    const strip = (list: Awaited<ReturnType<typeof afresh>>) => list.map(({ due: _due, ...rest }) => rest);
    expect(await served()).toEqual(strip(await afresh()));
    const ubnd = await agencyId("UBND");
    const february = await MilestoneModel.findOne({ months: { $all: [2, 3, 4] }, recurring: false, $or: [{ allAgencies: true }, { leadAgencies: ubnd }, { coordinatingAgencies: ubnd }] }).lean();
    const reporter = { memberId: null, telegramId: 1, name: "Cán bộ" };
    if (february) {
      // Done in February: March and April count it done earlier.
      await submitProgressReport({ milestoneId: String(february._id), agencyId: ubnd, period: "2018-02", reporter, status: "done", percent: 100, note: "", attachments: [] }, new Date("2018-02-20T02:00:00Z"));
      expect(await served()).toEqual(strip(await afresh()));
    }
    const april = await MilestoneModel.findOne({ months: 4, allAgencies: true }).lean();
    await submitProgressReport({ milestoneId: String(april!._id), agencyId: ubnd, period: "2018-04", reporter, status: "blocked", percent: 10, note: "", attachments: [] }, NOW);
    expect(await served()).toEqual(strip(await afresh()));
    // A merge moves reports and changes the directory: the whole year again.
    await mergeAgency("STP", "SNV", "2018-04-01", { via: "cli" }, NOW);
    expect(await served()).toEqual(strip(await afresh()));
  }, 120_000);
});

describe("who may open the dashboard", () => {
  it("refuses forged, expired and replayed launch data, login data and links with 401", async () => {
    const data = launchData(7001, TOKEN, REAL);
    // Signed with another bot's token, or changed after signing.
    expect(await client.open("telegram", launchData(7001, "999999:ANOTHER-BOT-token-abcdefghijkl", REAL))).toMatchObject({ status: 401, body: { reason: "forged" } });
    expect(await client.open("telegram", data.replace("7001", "7002"))).toMatchObject({ status: 401, body: { reason: "forged" } });
    expect(await client.open("telegram", "user=%7B%22id%22%3A7001%7D&auth_date=1&hash=00")).toMatchObject({ status: 401, body: { reason: "forged" } });
    // Signed too long ago, or for a time still to come.
    expect(await client.open("telegram", launchData(7001, TOKEN, new Date(REAL.getTime() - 16 * 60_000)))).toMatchObject({ status: 401, body: { reason: "expired" } });
    expect(await client.open("telegram", launchData(7001, TOKEN, new Date(REAL.getTime() + 10 * 60_000)))).toMatchObject({ status: 401, body: { reason: "expired" } });
    // Good once, refused the second time.
    expect((await client.open("telegram", data)).status).toBe(200);
    expect(await new DashboardClient(dashboard.url).open("telegram", data)).toMatchObject({ status: 401, body: { reason: "replayed" } });

    const login = loginQuery(7001, TOKEN, REAL);
    expect(await client.open("login", login.replace("id=7001", "id=7002"))).toMatchObject({ status: 401, body: { reason: "forged" } });
    expect(await client.open("login", loginQuery(7001, TOKEN, new Date(REAL.getTime() - 3_600_000)))).toMatchObject({ status: 401, body: { reason: "expired" } });
    expect((await client.open("login", login)).status).toBe(200);
    expect(await client.open("login", login)).toMatchObject({ status: 401, body: { reason: "replayed" } });

    const member = (await MemberModel.findOne({ telegramId: 7002 }).lean())!;
    const link = await dashboardLink(String(member._id), "https://dondoc.example.gov.vn", REAL, 24);
    expect(link.url).toMatch(/^https:\/\/dondoc\.example\.gov\.vn\/dashboard\/#link=/);
    const token = link.url.split("#link=")[1]!;
    const [kid, payload, mac] = token.split(".");
    expect(await client.open("link", `${kid}.${payload}.${mac!.slice(0, -2)}AA`)).toMatchObject({ status: 401, body: { reason: "forged" } });
    expect(await client.open("link", `${kid}.${Buffer.from(JSON.stringify({ p: "link", m: String(member._id), e: 4_000_000_000, n: "x" })).toString("base64url")}.${mac}`)).toMatchObject({ status: 401, body: { reason: "forged" } });
    authClock.set(new Date(REAL.getTime() + 25 * 3_600_000));
    expect(await client.open("link", token)).toMatchObject({ status: 401, body: { reason: "expired" } });
    authClock.set(REAL);
    const opened = await client.open("link", token);
    expect(opened.status).toBe(200);
    expect(opened.body.me).toMatchObject({ name: "Lãnh đạo", role: "leader", scope: { kind: "province" } });
    expect(await client.open("link", token)).toMatchObject({ status: 401, body: { reason: "replayed" } });
    // A link signed by keys since rotated away works no more.
    const again = await dashboardLink(String(member._id), "https://dondoc.example.gov.vn", REAL, 24);
    await rotateDashboardKeys();
    expect(await client.open("link", again.url.split("#link=")[1]!)).toMatchObject({ status: 401, body: { reason: "forged" } });
  }, 60_000);

  it("refuses people without a role, sessions that expired and roles taken away", async () => {
    expect(await client.open("telegram", launchData(9999, TOKEN, REAL))).toMatchObject({ status: 403, body: { reason: "not-a-member" } });
    await MemberModel.create({ telegramId: 9998, displayName: "Không vai trò", roles: [] });
    expect(await client.open("telegram", launchData(9998, TOKEN, REAL))).toMatchObject({ status: 403, body: { reason: "no-role" } });

    expect((await client.json("year/2018")).status).toBe(401);
    expect((await client.open("telegram", launchData(7001, TOKEN, REAL))).status).toBe(200);
    expect((await client.json("year/2018")).status).toBe(200);
    const session = client.session!;
    client.session = `${session.slice(0, -3)}abc`;
    expect(await client.json("year/2018")).toMatchObject({ status: 401, body: { reason: "forged" } });
    client.session = session;
    // The bot's clock moving (a rehearsal) changes nothing; real time does.
    harness.clock.set(new Date("2019-01-01T00:00:00Z"));
    expect((await client.json("year/2018")).status).toBe(200);
    authClock.set(new Date(REAL.getTime() + 8 * 3_600_000 + 1000));
    expect(await client.json("year/2018")).toMatchObject({ status: 401, body: { reason: "expired" } });

    authClock.set(REAL);
    await MemberModel.updateOne({ telegramId: 7001 }, { $set: { status: "revoked" } });
    expect(await client.json("year/2018")).toMatchObject({ status: 403, body: { reason: "no-role" } });
  }, 60_000);
});

describe("a focal officer", () => {
  it("sees their own agency, its reports and evidence, and cannot reach another agency's", async () => {
    const ubnd = await agencyId("UBND");
    const snv = await agencyId("SNV");
    const march = await MilestoneModel.find({ months: 3, retiredAt: null }).lean();
    const forUbnd = march.find((m) => m.allAgencies || [...m.leadAgencies, ...m.coordinatingAgencies].some((id) => String(id) === ubnd))!;
    const forSnv = march.find((m) => m.allAgencies || [...m.leadAgencies, ...m.coordinatingAgencies].some((id) => String(id) === snv))!;
    const officer = await MemberModel.findOne({ telegramId: 7003 }).lean();
    const photo = harness.telegram.storeFile("anh.jpg", "image/png", PHOTO, "photos");
    const reporter = { memberId: String(officer!._id), telegramId: 7003, name: "Cán bộ UBND" };
    const base = { milestoneId: String(forUbnd._id), agencyId: ubnd, period: "2018-03", reporter };
    await submitProgressReport({ ...base, status: "in-progress", percent: 40, note: "Đang dự thảo", attachments: [] }, new Date("2018-03-10T02:00:00Z"));
    await submitProgressReport({ ...base, status: "done", percent: 100, note: "Đã ban hành <kế hoạch>", attachments: [{ kind: "photo", fileId: photo.fileId, fileUniqueId: photo.fileUniqueId }] }, new Date("2018-03-15T02:00:00Z"));
    // On Zalo the photo's bytes were kept with the report.
    const kept = await EvidenceFileModel.create({ bytes: PHOTO, mimeType: "image/png", size: PHOTO.length, source: "https://zalo.example/p.png" });
    await submitProgressReport({ milestoneId: String(forSnv._id), agencyId: snv, period: "2018-03", reporter: { memberId: null, telegramId: 1, name: "SNV" }, status: "done", percent: 100, note: "SNV", attachments: [{ kind: "photo", fileId: "zalo-file", storedFile: kept._id }] as never }, new Date("2018-03-12T02:00:00Z"));

    expect((await client.open("telegram", launchData(7003, TOKEN, REAL))).body.me).toMatchObject({ role: "focal", scope: { kind: "agency", agencyId: ubnd }, mayExport: false });
    const year = (await client.json<DashboardYear>("year/2018")).body;
    expect(year.agencies.map((agency) => agency.code)).toEqual(["UBND"]);
    expect(year.cells).toHaveLength(1);

    const month = await client.json<AgencyMonthView>(`agencies/${ubnd}/months/2018-03`);
    expect(month.status).toBe(200);
    const task = month.body.tasks.find((entry) => entry.id === String(forUbnd._id))!;
    expect(task.answer).toBe("done");
    expect(task.report!.versions.map((v) => [v.version, v.status, v.note, v.by])).toEqual([
      [2, "done", "Đã ban hành <kế hoạch>", "Cán bộ UBND"],
      [1, "in-progress", "Đang dự thảo", "Cán bộ UBND"],
    ]);
    const evidence = task.report!.versions[0]!.evidence[0]!;
    expect(evidence.kind).toBe("photo");
    const image = await client.resource(evidence.path);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(PHOTO)).toBe(true);

    // Sở Nội vụ's month, its evidence and the province's export are not theirs.
    expect(await client.json(`agencies/${snv}/months/2018-03`)).toMatchObject({ status: 403, body: { reason: "other-agency" } });
    const secretary = new DashboardClient(dashboard.url);
    await secretary.open("telegram", launchData(7001, TOKEN, REAL));
    const snvMonth = (await secretary.json<AgencyMonthView>(`agencies/${snv}/months/2018-03`)).body;
    const snvPhoto = snvMonth.tasks.find((entry) => entry.id === String(forSnv._id))!.report!.versions[0]!.evidence[0]!.path;
    expect((await client.resource(snvPhoto)).status).toBe(403);
    expect((await client.get("export/2018-03")).status).toBe(403);

    // The secretariat sees both, the Zalo photo from its kept bytes, and gets the workbook.
    const zaloPhoto = await secretary.resource(snvPhoto);
    expect(zaloPhoto.status).toBe(200);
    expect(Buffer.from(await zaloPhoto.arrayBuffer()).equals(PHOTO)).toBe(true);
    const workbook = await secretary.get("export/2018-03");
    expect(workbook.status).toBe(200);
    expect(Buffer.from(await workbook.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
  }, 60_000);
});

describe("the year's rounds", () => {
  it("count nominations and registrations by award: the province's for the secretariat, their own for a focal officer", async () => {
    await ensureAwardCatalogue(NOW);
    const actor = { via: "cli" as const };
    const opened = new Date("2018-04-02T01:00:00Z");
    const everyone = await openRound({ title: "Khen thưởng tổng kết năm 2018", kind: "nomination", awardCodes: ["CSTD-CO-SO", "GIAY-KHEN"], deadline: new Date("2018-11-30T10:00:00Z"), audience: { all: true, blocs: [], agencyCodes: [] } }, actor, opened);
    const some = await openRound({ title: "Đăng ký thi đua", kind: "registration", awardCodes: ["CSTD-CO-SO"], deadline: new Date("2018-05-30T10:00:00Z"), audience: { all: false, blocs: [], agencyCodes: ["SNV"] } }, actor, opened);
    const reporter = { memberId: null, telegramId: 1, name: "Cán bộ" };
    await submitNomination({ roundId: String(everyone._id), agencyId: await agencyId("UBND"), counts: [{ award: "CSTD-CO-SO", collective: 0, individual: 3 }, { award: "GIAY-KHEN", collective: 1, individual: 2 }], reporter }, opened);
    await submitNomination({ roundId: String(everyone._id), agencyId: await agencyId("SNV"), counts: [{ award: "CSTD-CO-SO", collective: 0, individual: 5 }], reporter }, opened);
    await submitNomination({ roundId: String(some._id), agencyId: await agencyId("SNV"), counts: [{ award: "CSTD-CO-SO", collective: 1, individual: 4 }], reporter }, opened);

    await client.open("telegram", launchData(7001, TOKEN, REAL));
    const province = (await client.json<{ rounds: RoundView[] }>("rounds/2018")).body.rounds;
    expect(province.map((round) => [round.seq, round.kind, round.submitted, round.total])).toEqual([
      [everyone.seq, "nomination", 2, { collective: 1, individual: 10 }],
      [some.seq, "registration", 1, { collective: 1, individual: 4 }],
    ]);
    expect(province[0]!.byAward.map((line) => [line.award, line.collective, line.individual])).toEqual([
      ["CSTD-CO-SO", 0, 8],
      ["GIAY-KHEN", 1, 2],
    ]);

    const focal = new DashboardClient(dashboard.url);
    await focal.open("telegram", launchData(7003, TOKEN, REAL));
    const own = (await focal.json<{ rounds: RoundView[] }>("rounds/2018")).body.rounds;
    expect(own.map((round) => [round.seq, round.asked, round.submitted, round.total])).toEqual([[everyone.seq, 1, 1, { collective: 1, individual: 5 }]]);
  }, 60_000);
});
