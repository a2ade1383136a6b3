import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { TOKEN } from "../support/bot-harness.ts";
import { startArguments } from "../support/bot-process.ts";
import { gridSpanDocx } from "../support/hostile-docx.ts";
import { repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The report's first finding, as it was made: `npm start`, an administrator forwards a 1 KB Word
 * file with gridSpan="1000000000", and the process ended with V8's "invalid size" error. Now the
 * file gets its sentence and the same process goes on answering.
 */
const db = useTestDatabase();
const telegram = new LocalBotApi();
const scratch = mkdtempSync(join(tmpdir(), "dondoc-hostile-"));
beforeAll(() => telegram.start());
afterAll(async () => {
  await telegram.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the bot started as npm start starts it", () => {
  it("answers the gridSpan file with one sentence and keeps answering", { timeout: 120_000 }, async () => {
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${db.name}`;
    const child = spawn(process.execPath, startArguments(), {
      cwd: repoPath(""),
      env: { ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: uri.toString(), DATA_DIR: scratch, HEALTH_PORT: "0", ADMIN_TELEGRAM_IDS: "8101", SECRETARIAT_CHAT_ID: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const admin = { id: 8101, first_name: "Quản trị", language_code: "vi" };
    const replyTo = (chatId: number) => telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === chatId);
    try {
      await telegram.waitForCall("deleteWebhook");
      telegram.sendFile(admin, admin.id, { fileName: "ke-hoach-2018.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: gridSpanDocx(), asPhoto: false });
      const refusal = await replyTo(admin.id);
      expect(String(refusal.params.text)).toBe("Bảng trong tệp có dòng rộng hơn 40 cột (tính cả ô gộp), không giống bảng kế hoạch, nên không đọc và không có gì thay đổi.");
      telegram.sendText({ id: 8102, first_name: "Lan", language_code: "vi" }, "/start");
      expect(String((await replyTo(8102)).params.text)).not.toBe("");
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).not.toContain("Fatal");
  });
});
