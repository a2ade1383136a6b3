import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TOKEN } from "../support/bot-harness.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { startArguments } from "../support/bot-process.ts";
import { repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

const db = useTestDatabase();
const telegram = new LocalBotApi();
const scratch = mkdtempSync(join(tmpdir(), "dondoc-main-"));
beforeAll(() => telegram.start());
afterAll(async () => {
  await telegram.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the bot process", () => {
  // A bot process: seconds to start on an idle machine; the budget is for a busy one.
  it("polls through the runner, answers, and stops cleanly on SIGTERM", { timeout: 180_000 }, async () => {
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${db.name}`;
    const child = spawn(process.execPath, startArguments(), {
      cwd: repoPath(""),
      env: { ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: uri.toString(), DATA_DIR: scratch, HEALTH_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await telegram.waitForCall("deleteWebhook");
      telegram.sendText({ id: 8001, first_name: "Lan", language_code: "vi" }, "/start SECRET-INVITE-CODE-123");
      const reply = await telegram.waitForCall("sendMessage", (params) => Number(params.chat_id) === 8001);
      expect(String(reply.params.text)).toContain("Mã mời không đúng");

      // One JSON line for the update, with no message text, no invite code and no token.
      await expect.poll(() => output.includes('"msg":"update"'), { timeout: 60_000, interval: 50 }).toBe(true);
      const line = JSON.parse(output.split("\n").find((l) => l.includes('"msg":"update"'))!);
      expect(line).toMatchObject({ update: expect.any(Number), chat: 8001, user: 8001, handler: "command:/start", outcome: "ok", ms: expect.any(Number) });
      expect(output).not.toContain("SECRET-INVITE-CODE-123");
      expect(output).not.toContain(TOKEN);

      // Health, readiness and metrics on their own port.
      const port = Number(/health endpoints on 127\.0\.0\.1 port (\d+)/.exec(output)![1]);
      const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
      expect((await get("/healthz")).status).toBe(200);
      const ready = await (await get("/readyz")).json();
      expect(ready).toMatchObject({ status: "ready", database: "ok", leading: true, outboxBacklogSeconds: 0 });
      const metrics = await (await get("/metrics")).text();
      expect(metrics).toMatch(/dondoc_updates_total\{outcome="ok"\} [1-9]/);
      expect(metrics).toContain("dondoc_update_duration_seconds_bucket");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("long polling");
    expect(output).toContain("SIGTERM: stopping");
  });
});
