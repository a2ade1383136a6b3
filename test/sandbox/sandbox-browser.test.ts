import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { startSandbox, type Sandbox } from "../../devkit/sandbox/sandbox-app.ts";
import { repoPath } from "../support/sample-files.ts";

/**
 * The sandbox as a person uses it, in real headless Chromium (Debian's package, driven by
 * playwright-core; nothing downloads a browser). Where no browser is installed this is skipped,
 * and says so.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.warn(`[sandbox test] SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium package to run it)`);

describe.skipIf(!hasBrowser)("the sandbox in a browser", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/dondoc_sandbox_test_${randomBytes(4).toString("hex")}`;
    sandbox = await startSandbox({ mongoUri: uri.toString() });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "vi-VN" });
    await page.goto(`${sandbox.url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it("plays a focal officer's March report and the secretariat's /tinhhinh", { timeout: 180_000 }, async () => {
    const messages = page.locator("#messages");
    // Nguyễn Thị Lan of Sở Nội vụ is chosen first; the clock sends the March tasks.
    await expect.poll(() => page.locator("#chat-title").textContent()).toContain("Sở Nội vụ");
    await page.getByRole("button", { name: "1/3/2018: gửi nhiệm vụ tháng" }).click();
    await messages.getByText("Nhiệm vụ tháng 3/2018").waitFor({ timeout: 45_000 });
    await messages.getByRole("button", { name: "📝 Báo cáo 1" }).first().click();
    await messages.getByText("Tình trạng thực hiện?").waitFor();
    await messages.getByRole("button", { name: "Đang thực hiện" }).last().click();
    await messages.getByText("bao nhiêu phần trăm").waitFor();

    // A typed answer, a wrong one first.
    await page.locator("#text").fill("150");
    await page.keyboard.press("Enter");
    await messages.getByText("Phần trăm phải từ 0 đến 100").waitFor();
    await page.locator("#text").fill("60");
    await page.keyboard.press("Enter");
    await messages.getByText("Ghi chú thêm").waitFor();
    await page.locator("#text").fill("Đã xây dựng dự thảo kế hoạch tuyên truyền");
    await page.keyboard.press("Enter");
    await messages.getByText("minh chứng").waitFor();
    await messages.getByRole("button", { name: "Bỏ qua" }).last().click();
    await messages.getByText("Xác nhận gửi báo cáo?").waitFor();
    await messages.getByRole("button", { name: "✅ Xác nhận" }).last().click();
    await messages.getByText("Đã ghi nhận báo cáo (lần 1)").waitFor();
    expect(await ProgressReportModel.countDocuments({ status: "in-progress", percent: 60 })).toBe(1);

    // The secretariat, in its group, sees it.
    await page.getByRole("button", { name: /Nhóm Ban Thi đua/ }).click();
    await page.locator("#text").fill("/tinhhinh SNV");
    await page.keyboard.press("Enter");
    // Exactly: the group's notice of the report says it too, within its sentence.
    await messages.getByText("Đang thực hiện 60%", { exact: true }).waitFor({ timeout: 45_000 });
    await messages.getByText("Đã xây dựng dự thảo kế hoạch tuyên truyền").first().waitFor();

    // SANDBOX_SCREENSHOT=docs/sandbox.png refreshes the README's picture.
    const shot = repoPath(process.env.SANDBOX_SCREENSHOT ?? "test-results/sandbox.png");
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    expect(existsSync(shot)).toBe(true);
  });

  it("switches to English", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Who are you?" }).waitFor();
    await page.locator("#text").fill("/help");
    await page.keyboard.press("Enter");
    await page.locator("#messages").getByText("The commands you can use").waitFor({ timeout: 45_000 });
  }, 30_000);
});
