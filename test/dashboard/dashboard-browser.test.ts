import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { PNG } from "pngjs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchData, TELEGRAM_LIGHT_THEME } from "../../devkit/bot-api/telegram-sign-in.ts";
import { startSandbox, type Sandbox } from "../../devkit/sandbox/sandbox-app.ts";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";

/**
 * The dashboard as people open it, in real headless Chromium (Debian's, driven by playwright-core),
 * from the sandbox: the secretariat presses the button under /tinhhinh and reads the matrix and an
 * agency's report with its evidence photo; forged, expired, replayed and role-less launch data are
 * refused; a focal officer on a 360-pixel phone sees their agency and cannot reach another, by the
 * page or by its API. Skipped, saying so, where no browser is installed.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.warn(`[dashboard browser test] SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium package to run it)`);
const TOKEN = "1000000001:SANDBOX-dondoc-local-bot-api-token";

/** A photo a focal officer takes of their evidence: 160×120, striped, so it is plainly an image. */
function evidencePhoto(): Buffer {
  const png = new PNG({ width: 160, height: 120 });
  for (let y = 0; y < 120; y++)
    for (let x = 0; x < 160; x++) {
      const i = (y * 160 + x) * 4;
      const stripe = Math.floor(x / 20) % 2 === 0;
      png.data.set(stripe ? [46, 157, 79, 255] : [250, 250, 250, 255], i);
    }
  return PNG.sync.write(png);
}

describe.skipIf(!hasBrowser)("the dashboard in a browser", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;
  const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

  beforeAll(async () => {
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/dondoc_dashboard_test_${randomBytes(4).toString("hex")}`;
    sandbox = await startSandbox({ mongoUri: uri.toString() });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "vi-VN" });
    await page.goto(`${sandbox.url}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  /** What Telegram would open for `userId` (a Mini App launch), signed at `at`. */
  const miniApp = (userId: number, at = new Date()) => `${sandbox.url}/dashboard/#${new URLSearchParams({ tgWebAppData: launchData({ id: userId, first_name: "Người dùng" }, TOKEN, at), tgWebAppPlatform: "unknown", tgWebAppThemeParams: JSON.stringify(TELEGRAM_LIGHT_THEME) })}`;

  it("opens from the button under /tinhhinh: the matrix, then an agency's report with its evidence photo", async () => {
    const messages = page.locator("#messages");
    // Sở Nội vụ reports on its first March task, with a photo.
    await expect.poll(() => page.locator("#chat-title").textContent()).toContain("Sở Nội vụ");
    await page.getByRole("button", { name: "1/3/2018: gửi nhiệm vụ tháng" }).click();
    await messages.getByText("Nhiệm vụ tháng 3/2018").waitFor({ timeout: 15_000 });
    await messages.getByRole("button", { name: "📝 Báo cáo 1" }).first().click();
    await messages.getByText("Tình trạng thực hiện?").waitFor();
    await messages.getByRole("button", { name: "Đang thực hiện" }).last().click();
    await messages.getByText("bao nhiêu phần trăm").waitFor();
    await page.locator("#text").fill("60");
    await page.keyboard.press("Enter");
    await messages.getByText("Ghi chú thêm").waitFor();
    await page.locator("#text").fill("Đã in 500 tờ rơi tuyên truyền");
    await page.keyboard.press("Enter");
    await messages.getByText("minh chứng").last().waitFor();
    await page.locator("#file").setInputFiles({ name: "to-roi.png", mimeType: "image/png", buffer: evidencePhoto() });
    await messages.getByText("Xác nhận gửi báo cáo?").waitFor({ timeout: 15_000 });
    await messages.getByRole("button", { name: "✅ Xác nhận" }).last().click();
    await messages.getByText("Đã ghi nhận báo cáo (lần 1)").waitFor();
    expect(await ProgressReportModel.countDocuments({ "attachments.kind": "photo" })).toBe(1);

    // The secretariat reads /tinhhinh, then opens the dashboard from the button under it.
    await page.getByRole("button", { name: /Phạm Thu Hà/ }).click();
    await page.locator("#text").fill("/tinhhinh");
    await page.keyboard.press("Enter");
    const status = messages.getByText(/đơn vị đã báo cáo đủ/).last();
    await status.waitFor({ timeout: 15_000 });
    const agenciesLine = /\d+\/\d+ đơn vị đã báo cáo đủ; \d+ báo cáo một phần; \d+ chưa báo cáo\./.exec((await status.textContent())!)![0];
    await messages.getByRole("button", { name: "📊 Mở bảng theo dõi" }).last().click();
    const app = page.frameLocator("#miniapp-frame");
    await app.locator("table.matrix").waitFor({ timeout: 20_000 });
    // The same words and numbers as /tinhhinh, and one row per agency of the directory.
    await app.getByText(agenciesLine).waitFor();
    const rows = await app.locator("table.matrix tbody tr:not(.group)").count();
    expect(rows).toBe(await AgencyModel.countDocuments({ active: true }));

    // Sở Nội vụ's March: its report, the note, and the photo itself.
    await app.getByRole("button", { name: /^Sở Nội vụ.*tháng 3\/2018: Báo cáo một phần/ }).click();
    await app.getByText("Báo cáo một phần: 1/").waitFor({ timeout: 15_000 });
    await app.getByText("Đã in 500 tờ rơi tuyên truyền").waitFor();
    const photo = app.getByRole("img", { name: "Ảnh minh chứng" });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(160);
    // Inside Telegram, Telegram's colours.
    expect(await app.locator("html").evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--link").trim())).toBe(TELEGRAM_LIGHT_THEME.link_color);
    await app.getByRole("button", { name: "‹ Bảng tổng hợp" }).click();
    await app.locator("table.matrix").waitFor();
  }, 120_000);

  it("refuses forged, expired, replayed and role-less launch data", async () => {
    /** Opens `url` in a fresh tab, as a person tapping the button would, and gives what the page says. */
    const refusal = async (url: string) => {
      const tab = await browser.newPage({ viewport: { width: 390, height: 760 } });
      try {
        await tab.goto(url);
        const alert = tab.getByRole("alert");
        await alert.or(tab.locator("table.matrix")).first().waitFor({ timeout: 20_000 });
        return (await alert.count()) > 0 ? (await alert.textContent())! : "opened";
      } finally {
        await tab.close();
      }
    };
    const secretary = 100010;
    expect(await refusal(miniApp(secretary).replace(/hash%3D[0-9a-f]{6}/, "hash%3D000000"))).toBe("Đường dẫn hoặc dữ liệu đăng nhập không hợp lệ.");
    expect(await refusal(miniApp(secretary, new Date(Date.now() - 20 * 60_000)))).toBe("Đường dẫn hoặc phiên làm việc đã hết hạn.");
    // A person Telegram knows but dondoc does not.
    expect(await refusal(miniApp(555_000_111))).toContain("chưa là thành viên");
    // Launch data is good once: the second time, in another tab, it is refused.
    const once = miniApp(secretary);
    expect(await refusal(once)).toBe("opened");
    expect(await refusal(once)).toBe("Đường dẫn này đã được dùng. Mỗi đường dẫn chỉ mở được một lần.");
  }, 60_000);

  it("shows a focal officer on a phone their agency only, and refuses another agency by the page and the API", async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
    try {
      const ubnd = await MemberModel.findOne({ telegramId: 100002 }).lean();
      const snv = await AgencyModel.findOne({ code: "SNV" }).lean();
      const report = await ProgressReportModel.findOne({ agency: snv!._id, "attachments.kind": "photo" }).lean();
      await phone.goto(miniApp(ubnd!.telegramId));
      await phone.locator("table.matrix").waitFor({ timeout: 20_000 });
      expect(await phone.locator("table.matrix tbody tr:not(.group)").count()).toBe(1);
      await phone.getByRole("button", { name: /^Ủy ban nhân dân tỉnh.*tháng 3\/2018/ }).waitFor();
      expect(await phone.getByText("Sở Nội vụ").count()).toBe(0);
      expect(await phone.getByRole("button", { name: /Báo cáo Excel/ }).count()).toBe(0);
      // Readable at 360 px: the page itself never scrolls sideways (the matrix scrolls in its box).
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // Vietnamese first, English beside it.
      await phone.getByRole("button", { name: "English" }).click();
      await phone.getByRole("tab", { name: "Agencies × months" }).waitFor();
      await phone.getByRole("button", { name: "Tiếng Việt" }).click();
      await phone.getByRole("tab", { name: "Đơn vị × tháng" }).waitFor();

      // The page offers no way to another agency; its own session, asked for Sở Nội vụ's month, its
      // photo and the province's export anyway, is refused each time.
      const asked = await phone.evaluate(
        async ({ agency, evidence }) => {
          const session = JSON.parse(sessionStorage.getItem("dondoc-dashboard-session")!).session as string;
          const status = async (path: string) => (await fetch(path, { headers: { authorization: `Bearer ${session}` } })).status;
          return { month: await status(`api/agencies/${agency}/months/2018-03`), photo: await status(evidence), export: await status("api/export/2018-03"), own: await status("api/year/2018") };
        },
        { agency: String(snv!._id), evidence: `api/evidence/${String(report!._id)}/1/0` },
      );
      expect(asked).toEqual({ month: 403, photo: 403, export: 403, own: 200 });
    } finally {
      await phone.close();
    }
  }, 60_000);
});
