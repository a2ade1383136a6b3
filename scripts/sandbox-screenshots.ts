import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { startSandbox } from "../devkit/sandbox/sandbox-app.ts";

/**
 * `npm run docs:screenshots`: plays the first month in the sandbox with Debian's Chromium and
 * saves the README's pictures under docs/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
const sandbox = await startSandbox();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${sandbox.url}/`);
  const messages = page.locator("#messages");

  // The secretariat sends the plan as a Word file and reads the preview.
  await page.getByRole("button", { name: /Phạm Thu Hà/ }).click();
  await page.locator("#file").setInputFiles(new URL("../test/fixtures/plans/lai-chau-2018.docx", import.meta.url).pathname);
  await messages.getByText("Nhập kế hoạch").waitFor({ timeout: 20_000 });
  await page.screenshot({ path: "docs/first-month-plan.png" });
  await messages.getByRole("button", { name: "✅ Nhập kế hoạch" }).last().click();
  await messages.getByText(/Đã (nhập|cập nhật) kế hoạch/).waitFor();

  // The 1st of March: a focal officer's tasks.
  await page.getByRole("button", { name: "1/3/2018: gửi nhiệm vụ tháng" }).click();
  await page.getByRole("button", { name: /Trần Văn Hùng/ }).click();
  await messages.getByText("Nhiệm vụ tháng 3/2018").waitFor({ timeout: 20_000 });
  await page.screenshot({ path: "docs/first-month-push.png" });

  // Monday: the leader's digest.
  await page.getByRole("button", { name: "Thứ Hai: tổng hợp tuần" }).click();
  await page.getByRole("button", { name: /Lê Văn Minh/ }).click();
  await messages.locator("img").first().waitFor({ timeout: 20_000 });
  await messages.locator("img").first().evaluate((image: HTMLImageElement) => image.decode());
  await messages.evaluate((list) => (list.scrollTop = list.scrollHeight));
  await page.screenshot({ path: "docs/first-month-digest.png" });
  console.log("docs/first-month-*.png written");
} finally {
  await browser.close();
  await sandbox.stop();
}
