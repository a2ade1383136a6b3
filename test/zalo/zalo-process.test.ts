import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { LocalZaloApi } from "../../devkit/zalo-api/local-zalo-api.ts";
import { createInvite } from "../../src/services/invites.ts";
import { TOKEN } from "../support/bot-harness.ts";
import { spawnBot } from "../support/bot-process.ts";
import { loadLaiChau } from "../support/lai-chau-fixture.ts";
import { useTestDatabase } from "../support/test-database.ts";

/** `npm start` with ZALO_BOT_TOKEN: the bot polls Zalo beside Telegram, and a newcomer on Zalo joins with a code. */
const db = useTestDatabase();
const telegram = new LocalBotApi();
const zalo = new LocalZaloApi();
const scratch = mkdtempSync(join(tmpdir(), "dondoc-zalo-"));
beforeAll(async () => {
  await telegram.start();
  await zalo.start();
});
afterAll(async () => {
  await telegram.stop();
  await zalo.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the bot process with a Zalo bot", () => {
  // A bot process: seconds to start on an idle machine; the budget is for a busy one.
  it("polls Zalo under the lease, registers a newcomer who pastes a code, and stops cleanly", { timeout: 180_000 }, async () => {
    await loadLaiChau();
    const invite = await createInvite({ role: "focal", agencyCode: "SNV", ttlHours: 72, now: new Date() }, { via: "cli" });
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${db.name}`;
    const bot = spawnBot({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: uri.toString(), DATA_DIR: scratch, ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url });
    try {
      await bot.waitFor(/Zalo bot: long polling/);
      const hoa = { id: "3c4d5e6f708192a3b4c5", display_name: "Hoa" };
      zalo.sendText(hoa, invite.code);
      await expect.poll(() => zalo.textsTo(hoa.id).join("\n"), { timeout: 60_000, interval: 50 }).toContain("Hoa");
      expect(zalo.calls.some((call) => call.method === "deleteWebhook")).toBe(true);
      expect(bot.output()).not.toContain(invite.code);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  });
});
