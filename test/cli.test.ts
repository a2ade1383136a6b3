import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../src/cli/run-cli.ts";
import { laiChauPlanPath, repoPath } from "./support/sample-files.ts";

/**
 * The command line, command by command, run in this process through the CLI's own entry
 * (`runCli`, which `npm run cli` runs in a new one): a process per command added nothing but
 * seconds of start-up each, and on a loaded machine the file ran out of time. One test goes
 * through npm and a process of its own, for the contract people script against.
 */
const run = promisify(execFile);
const DATABASE = `dondoc_cli_test_${randomBytes(4).toString("hex")}`;
const scratch = mkdtempSync(join(tmpdir(), "dondoc-cli-"));
const saved = { ...process.env };
beforeAll(() => {
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${DATABASE}`;
  Object.assign(process.env, { MONGODB_URI: uri.toString(), DATA_DIR: scratch, BOT_TOKEN: "" });
});
afterAll(async () => {
  await mongoose.connect(process.env.MONGODB_URI!);
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  process.env = saved;
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the CLI as a person would, against this suite's database server. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const before = { ...process.env };
  Object.assign(process.env, env);
  let stdout = "";
  let stderr = "";
  try {
    const code = await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
    return { code, stdout, stderr };
  } finally {
    process.env = before;
  }
}

describe("the command line", () => {
  it("keeps the `plan parse --json` contract through npm, in a process of its own", { timeout: 120_000 }, async () => {
    const { stdout } = await run("npm", ["run", "--silent", "cli", "--", "plan", "parse", laiChauPlanPath(), "--json"], { cwd: repoPath("") });
    const plan = JSON.parse(stdout);
    expect(Object.keys(plan).sort()).toEqual(["issuedOn", "issuer", "milestones", "number", "title", "warnings", "year"]);
    expect(plan).toMatchObject({ year: 2018, number: "69/KH-UBND", issuedOn: "2018-01-11" });
    expect(plan.milestones).toHaveLength(32);
    for (const milestone of plan.milestones) {
      expect(milestone).toMatchObject({ text: expect.any(String), months: expect.any(Array), recurring: expect.any(Boolean), allAgencies: expect.any(Boolean) });
      expect(milestone.row === null || typeof milestone.row === "string").toBe(true);
      expect(milestone.due === null || /^\d{4}-\d{2}-\d{2}$/.test(milestone.due)).toBe(true);
      for (const unit of milestone.units) expect(["lead", "coordinating"]).toContain(unit.role);
    }
    for (const warning of plan.warnings) expect(Object.keys(warning).sort()).toEqual(["message", "row"]);
    const row11 = plan.warnings.filter((w: { row: string | null }) => w.row === "11").map((w: { message: string }) => w.message);
    expect(row11).toContainEqual(expect.stringContaining("đã hiểu là tháng 11, 12"));
  });

  it("prints a readable review in Vietnamese, or English on request", async () => {
    const vi = await cli(["plan", "parse", laiChauPlanPath()]);
    expect(vi.stdout).toContain("32 nhiệm vụ");
    expect(vi.stdout).toContain("Chủ trì: UBND tỉnh");
    const en = await cli(["plan", "parse", laiChauPlanPath(), "--lang", "en"]);
    expect(en.stdout).toContain("32 tasks");
    expect(en.stdout).toContain("Lead: UBND tỉnh");
  });

  it("fails with one clear line and a non-zero exit", async () => {
    const missing = await cli(["plan", "parse", join(scratch, "nope.txt")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split("\n")).toEqual([expect.stringContaining("Không đọc được tệp")]);
    const usage = await cli(["plan", "frobnicate"]);
    expect(usage.code).not.toBe(0);
    const badJson = join(scratch, "bad.json");
    writeFileSync(badJson, JSON.stringify({ title: "KH", year: 2018, milestones: [] }));
    const refused = await cli(["plan", "import", badJson]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split("\n")).toEqual([expect.stringContaining("milestones")]);
    // A binary file that is no plan, and a .docx that is no Word file: one clear line each.
    const binary = join(scratch, "scan.bin");
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
    const notPlan = await cli(["plan", "parse", binary]);
    expect(notPlan.code).not.toBe(0);
    expect(notPlan.stderr.trim().split("\n")).toEqual(["Chưa đọc được loại tệp này. Hãy gửi kế hoạch dạng .docx, .txt, hoặc tệp JSON đã sửa."]);
    const fakeWord = join(scratch, "ke-hoach.docx");
    writeFileSync(fakeWord, "not a zip");
    expect((await cli(["plan", "parse", fakeWord])).stderr.trim()).toBe("Không đọc được tệp Word này. Hãy lưu lại dạng .docx hoặc gửi bản văn bản (.txt).");
  });

  it("reads a Word plan exactly as the chat does", async () => {
    const { stdout } = await cli(["plan", "parse", repoPath("test/fixtures/plans/lai-chau-2018.docx"), "--json"]);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({ year: 2018, number: "69/KH-UBND" });
    expect(plan.milestones).toHaveLength(32);
  });

  it("loads the directory and imports a plan once, saying which database it used", async () => {
    const agencies = await cli(["agencies", "import", repoPath("data/agencies/lai-chau.csv")]);
    expect(agencies.stdout).toMatch(/61 cơ quan mới/);
    expect(agencies.stderr).toContain("MONGODB_URI");
    const first = await cli(["plan", "import", laiChauPlanPath()]);
    expect(first.stdout).toContain("Đã nhập kế hoạch");
    expect(first.stdout).not.toContain("chưa khớp");
    const second = await cli(["plan", "import", laiChauPlanPath()]);
    expect(second.stdout).toContain("không thay đổi gì");
    const list = await cli(["plan", "list"]);
    expect(list.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("makes invites and runs jobs as of a given time", async () => {
    const invite = await cli(["invite", "create", "--role", "focal", "--agency", "SNV"], { BOT_TOKEN: "" });
    // No bot has run on this database and there is no token: the code, and no made-up link.
    const [code, noLink, note] = invite.stdout.trim().split("\n");
    expect(code).toMatch(/^[\w-]{16}$/);
    expect(invite.stdout).not.toContain("<bot>");
    expect(noLink).toContain("Chưa biết tên bot");
    expect(note).toContain("Cán bộ đầu mối");
    // After its creation the code is printed nowhere: the audit names the invite, not its code.
    const audit = await cli(["audit", "--action", "invite."]);
    expect(audit.stdout).toContain("invite.created");
    expect(audit.stdout).not.toContain(code!);
    const refused = await cli(["invite", "create", "--role", "focal", "--agency", "NOPE"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("NOPE");
    const push = await cli(["jobs", "run", "monthly-push", "--at", "2018-03-01T08:00:00+07:00"]);
    expect(push.stdout).toContain("monthly-push:2018-03");
    const bad = await cli(["jobs", "run", "monthly-push", "--at", "tomorrow"]);
    expect(bad.stderr).toContain("tomorrow");
  });

  it("shows the year before it happens: days off, announced changes, every job run", async () => {
    const calendar = await cli(["calendar", "2026"]);
    expect(calendar.code).toBe(0);
    expect(calendar.stdout).toMatch(/17\/02\/2026 Thứ Ba\s+nghỉ — Tết Nguyên Đán/);
    expect(calendar.stdout).toMatch(/26\/04\/2026 Chủ nhật\s+nghỉ — Giỗ tổ Hùng Vương/);

    // The government moves the first working day of March: the push moves with it.
    const off = await cli(["calendar", "off", "02/03/2026", "--name", "Nghỉ theo Thông báo 123/TB-BNV"]);
    expect(off.stdout).toMatch(/02\/03\/2026 Thứ Hai\s+nghỉ — Nghỉ theo Thông báo 123\/TB-BNV \(theo thông báo\)/);
    const json = await cli(["jobs", "schedule", "--year", "2026", "--json"]);
    const runs = JSON.parse(json.stdout) as { job: string; at: string }[];
    const pushes = runs.filter((r) => r.job === "monthly-push").map((r) => r.at);
    expect(pushes.slice(0, 3)).toEqual(["2026-01-02T08:00:00+07:00", "2026-02-02T08:00:00+07:00", "2026-03-03T08:00:00+07:00"]);
    expect(runs.every((r) => Object.keys(r).join() === "job,at" && /^2026-\d\d-\d\dT\d\d:\d\d:00\+07:00$/.test(r.at))).toBe(true);
    expect(runs.some((r) => r.at.startsWith("2026-02-1") && r.at >= "2026-02-14" && r.at < "2026-02-23")).toBe(false);
    const cleared = await cli(["calendar", "clear", "2026-03-02"]);
    expect(cleared.stdout).toMatch(/02\/03\/2026 Thứ Hai\s+làm việc/);

    const help = await cli(["jobs", "schedule", "--help"]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("jobs schedule --year 2026 [--json]") });
    expect((await cli(["--help"])).stdout).toContain("calendar 2026");
    for (const bad of [["jobs", "run", "monthly-push", "--at", "2026-02-30T08:00:00+07:00"], ["jobs", "run", "monthly-push", "--at", "2026-13-01"], ["jobs", "run", "monthly-push", "--at", ""]]) {
      const refused = await cli(bad);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim().split("\n").at(-1)).toContain("Không đọc được thời điểm");
    }
  });
});
