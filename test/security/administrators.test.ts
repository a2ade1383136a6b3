import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { InviteModel } from "../../models/invite.ts";
import { MemberModel } from "../../models/member.ts";
import { formatAuditLine } from "../../src/messages/audit-line.ts";
import { prepareAdminAccess } from "../../src/services/bootstrap.ts";
import { revokeMember } from "../../src/services/directory-admin.ts";
import { createInvite, writeFirstAdminLink } from "../../src/services/invites.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Who may take an administrator away (issue 18, points 3 and 8): only another administrator, never
 * the last one; ADMIN_TELEGRAM_IDS brings one back at start-up; invite codes stay out of the
 * audit, and the first administrator's link file goes once used.
 */
useTestDatabase();
let harness: Harness;
const dataDir = mkdtempSync(join(tmpdir(), "dondoc-admins-"));
const NOW = new Date("2026-03-02T02:00:00Z");

beforeEach(async () => {
  harness = await startHarness(NOW, { dataDir });
});
afterEach(async () => {
  await harness.stop();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const activeAdmins = () => MemberModel.countDocuments({ "roles.role": "admin", status: { $ne: "revoked" } });

describe("administrators", () => {
  it("are revoked by an administrator only, and a secretariat member who tries changes nothing", async () => {
    await addMember(8000, "Quản trị", "admin");
    await addMember(8001, "Thư ký Ban", "secretariat");
    await addMember(8002, "Thư ký hai", "secretariat");
    const secretary = new TestUser(harness, 8001, "Thư ký");
    const answer = textsOf(await secretary.say("/thanhvien thuhoi 8000")).join();
    expect(answer).toContain("Chỉ quản trị viên mới thu hồi được quyền của một quản trị viên");
    expect((await MemberModel.findOne({ telegramId: 8000 }).lean())?.status).toBe("active");
    expect(await AuditEntryModel.countDocuments({ action: "member.revoked" })).toBe(0);
    // Another secretariat member is theirs to revoke, as before.
    expect(textsOf(await secretary.say("/thanhvien thuhoi 8002")).join()).toContain("Đã thu hồi quyền của Thư ký hai");
    // In English too.
    await MemberModel.updateOne({ telegramId: 8001 }, { $set: { locale: "en" } });
    expect(textsOf(await secretary.say("/members revoke 8000")).join()).toContain("Only an administrator can revoke an administrator");
  });

  it("are revoked by another administrator, and the last one always stays", async () => {
    await addMember(8000, "Quản trị một", "admin");
    await addMember(8003, "Quản trị hai", "admin");
    const first = new TestUser(harness, 8000, "Quản trị một");
    expect(textsOf(await first.say("/thanhvien thuhoi 8003")).join()).toContain("Đã thu hồi quyền của Quản trị hai");
    expect(textsOf(await first.say("/thanhvien thuhoi 8000")).join()).toContain("Không thể tự thu hồi");
    expect(await activeAdmins()).toBe(1);
  });

  it("never all go when two revoke each other at the same moment", async () => {
    await addMember(8000, "Quản trị một", "admin");
    await addMember(8003, "Quản trị hai", "admin");
    const actor = (telegramId: number) => ({ via: "chat" as const, telegramId, name: "x" });
    const results = await Promise.allSettled([revokeMember(8003, actor(8000), NOW), revokeMember(8000, actor(8003), NOW)]);
    expect(results.some((result) => result.status === "rejected")).toBe(true);
    expect(await activeAdmins()).toBeGreaterThanOrEqual(1);
  });

  it("named in ADMIN_TELEGRAM_IDS are administrators again at start-up after someone revoked them", async () => {
    await addMember(8000, "Quản trị một", "admin");
    await addMember(8003, "Quản trị hai", "admin");
    await revokeMember(8000, { via: "chat", telegramId: 8003, name: "Quản trị hai" }, NOW);
    const access = await prepareAdminAccess({ adminIds: [8000], ttlHours: 72, now: NOW });
    expect(access).toMatchObject({ kind: "admin-exists", granted: [8000] });
    const restored = await MemberModel.findOne({ telegramId: 8000 }).lean();
    expect(restored?.status).toBe("active");
    expect(restored?.roles.filter((grant) => grant.role === "admin")).toHaveLength(1);
    const back = textsOf(await new TestUser(harness, 8000, "Quản trị một").say("/thanhvien")).join();
    expect(back).toContain("Thành viên (2)");
    // A second start with the same setting changes nothing and says nothing new.
    expect((await prepareAdminAccess({ adminIds: [8000], ttlHours: 72, now: NOW })).granted).toEqual([]);
  });
});

describe("invite codes", () => {
  it("never reach the audit: invites are named there by their id", async () => {
    await addMember(8000, "Quản trị", "admin");
    const invite = await createInvite({ role: "secretariat", ttlHours: 72, now: NOW }, { via: "cli", name: "ops" });
    const newcomer = new TestUser(harness, 8100, "Người mới");
    expect(textsOf(await newcomer.say(`/start ${invite.code}`)).join()).toContain("Ban Thi đua");
    await MemberModel.deleteMany({ "roles.role": "admin" });
    const bootstrap = await prepareAdminAccess({ adminIds: [], ttlHours: 72, now: NOW });
    expect(bootstrap.kind).toBe("bootstrap-invite");
    const entries = await AuditEntryModel.find().lean();
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(["invite.created", "invite.used"]));
    const written = JSON.stringify(entries);
    expect(written).not.toContain(invite.code);
    if (bootstrap.kind === "bootstrap-invite") expect(written).not.toContain(bootstrap.code);
    expect(JSON.stringify(await MemberModel.find().lean())).not.toContain(invite.code);
  });

  it("written into the audit by older versions are not printed", () => {
    const line = formatAuditLine(
      { at: NOW, actor: { via: "chat", name: "Lan", telegramId: 42 }, action: "invite.used", subject: { kind: "invite", id: "Zm9vYmFyYmF6cXV4cXV1" }, details: { code: "Zm9vYmFyYmF6cXV4cXV1", role: "focal" } },
      new Map(),
      "Asia/Ho_Chi_Minh",
    );
    expect(line).not.toContain("Zm9vYmFyYmF6cXV4cXV1");
    expect(line).toContain('invite · {"role":"focal"}');
  });
});

describe("the first administrator's link file", () => {
  it("is private to the bot's user and goes once the link is used", async () => {
    const access = await prepareAdminAccess({ adminIds: [], ttlHours: 72, now: NOW });
    if (access.kind !== "bootstrap-invite") throw new Error("no bootstrap invite");
    const file = writeFirstAdminLink(dataDir, `https://t.me/dondoc_test_bot?start=${access.code}`, "04/03/2026");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(textsOf(await new TestUser(harness, 8200, "Quản trị").say(`/start ${access.code}`)).join()).toContain("quản trị viên");
    expect(existsSync(file)).toBe(false);
    expect(await InviteModel.countDocuments({ bootstrap: true, usedAt: { $ne: null } })).toBe(1);
  });

  it("is made private even in a folder made earlier with wider rights", () => {
    const wide = join(dataDir, "older");
    rmSync(wide, { recursive: true, force: true });
    mkdirSync(wide);
    chmodSync(wide, 0o755);
    writeFileSync(join(wide, "first-admin-link.txt"), "old", { mode: 0o644 });
    chmodSync(join(wide, "first-admin-link.txt"), 0o644);
    const made = writeFirstAdminLink(wide, "https://t.me/x?start=y", "-");
    expect(statSync(wide).mode & 0o777).toBe(0o700);
    expect(statSync(made).mode & 0o777).toBe(0o600);
  });
});
