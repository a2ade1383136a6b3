import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { TOKEN } from "../support/bot-harness.ts";
import { spawnBot } from "../support/bot-process.ts";
import { repoPath } from "../support/sample-files.ts";

/**
 * A province's first run: no MONGODB_URI, a real token (here the local Bot API stands in for
 * Telegram), the one-time admin link, and the CLI working on the running bot's data. The CLI
 * runs in this process through its own entry (runCli): it finds the bot's database by the data
 * folder exactly as `npm run cli` in a new process does, without seconds of start-up each time.
 */
const telegram = new LocalBotApi();
const dataDir = mkdtempSync(join(tmpdir(), "dondoc-first-run-"));
beforeAll(() => telegram.start());
afterAll(async () => {
  await telegram.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, DATA_DIR: dataDir });

async function cli(args: string[]) {
  const before = { ...process.env };
  Object.assign(process.env, env(), { MONGODB_URI: "" });
  let stdout = "";
  let stderr = "";
  try {
    await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
    return { stdout, stderr };
  } finally {
    process.env = before;
  }
}

async function reply(userId: number, name: string, text: string): Promise<string> {
  const before = telegram.calls.length;
  telegram.sendText({ id: userId, first_name: name, language_code: "vi" }, text);
  const call = await telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === userId && telegram.calls.indexOf(telegram.calls.find((c) => c.params === params)!) >= before);
  return String(call.params.text);
}

describe("the first run with a bot token", () => {
  // Three bot processes, one after another: seconds each on an idle machine; the budget is for a busy one.
  it("prints a one-time admin link, shares its database with the CLI, and refuses a second bootstrap", async () => {
    const bot = spawnBot(env());
    try {
      // The link is no log line: it is in a file of the data folder, readable by this user only.
      const [, file] = (await bot.waitFor(/the one-time admin link is in (\S+)/)) as unknown as [string, string];
      const [, code] = readFileSync(file, "utf8").match(/t\.me\/dondoc_test_bot\?start=([\w-]+)/) as unknown as [string, string];
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(bot.output()).not.toContain(code);
      await bot.waitFor(/long polling/);
      expect(await reply(12001, "Quản trị", `/start ${code}`)).toContain("quản trị viên");

      // The CLI finds the running bot's database instead of starting its own.
      const loaded = await cli(["agencies", "import", repoPath("data/agencies/lai-chau.csv")]);
      expect(loaded.stderr).toContain("của bot đang chạy");
      const invite = await cli(["invite", "create", "--role", "focal", "--agency", "SNV"]);
      const focalCode = invite.stdout.split("\n")[1]!;
      expect(await reply(12002, "Lan", `/start ${focalCode}`)).toContain("cán bộ đầu mối của Sở Nội vụ");

      // A second bot on the same data folder is refused.
      const second = spawnBot(env());
      expect(await second.exited()).not.toBe(0);
      expect(second.output()).toContain("another dondoc");

      // The old admin link no longer works.
      expect(await reply(12003, "Người lạ", `/start ${code}`)).toContain("đã có quản trị viên");
    } finally {
      expect(await bot.stop()).toBe(0);
    }

    // Restarted: the data is still there, and no admin link is printed.
    const again = spawnBot(env());
    try {
      await again.waitFor(/long polling/);
      expect(again.output()).not.toContain("?start=");
      expect(existsSync(join(dataDir, "first-admin-link.txt"))).toBe(false);
      expect(await reply(12002, "Lan", "/start")).toContain("Chào Lan");
    } finally {
      await again.stop();
    }
    // With the bot stopped, the CLI starts the embedded database on the same data.
    const alone = await cli(["agencies", "list"]);
    expect(alone.stdout).toContain("61 cơ quan");
    expect(alone.stderr).not.toContain("của bot đang chạy");
  }, 300_000);
});
