import { existsSync } from "node:fs";
import { PNG } from "pngjs";
import { chromium, type Page } from "playwright-core";
import { startSandbox } from "../devkit/sandbox/sandbox-app.ts";
import { AgencyModel } from "../models/agency.ts";
import { EvidenceFileModel } from "../models/evidence-file.ts";
import { MemberModel } from "../models/member.ts";
import { MilestoneModel } from "../models/milestone.ts";
import { PROGRESS_STATUSES } from "../src/followup/milestone-view.ts";
import { submitProgressReport } from "../src/services/progress-reports.ts";

/**
 * `npm run docs:dashboard`: the README's pictures of the dashboard, taken in the sandbox with
 * Debian's Chromium. The sandbox's clock plays January to March 2018 (each month's tasks sent),
 * the province's agencies answer in a fixed pattern (some in full, some in part, some not at all),
 * Sở Nội vụ with a note, a second version and an evidence photo; then the secretariat opens the
 * dashboard from the button under /tinhhinh.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);

/** A photo of a printed leaflet, drawn: paper, a heading bar, lines of text, a red stamp. */
function leafletPhoto(): Buffer {
  const [width, height] = [480, 360];
  const png = new PNG({ width, height });
  const paint = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) png.data.set([...rgb, 255], (y * width + x) * 4);
  };
  paint(0, 0, width, height, [120, 132, 146]);
  paint(60, 30, 420, 340, [252, 250, 244]);
  paint(90, 60, 390, 90, [198, 40, 40]);
  for (let line = 0; line < 9; line++) paint(90, 110 + line * 22, line % 3 === 2 ? 300 : 390, 120 + line * 22, [70, 70, 70]);
  for (let y = 0; y < 60; y++) for (let x = 0; x < 60; x++) if ((x - 30) ** 2 + (y - 30) ** 2 < 900 && (x - 30) ** 2 + (y - 30) ** 2 > 600) png.data.set([200, 30, 30, 255], ((270 + y) * width + 320 + x) * 4);
  return PNG.sync.write(png);
}

async function clock(url: string, action: string, date: string): Promise<void> {
  const response = await fetch(`${url}/sandbox/clock`, { method: "POST", body: JSON.stringify({ action, date }) });
  if (!response.ok) throw new Error(`the clock refused ${action} ${date}`);
}

/** A fixed pattern of answers for every agency and month: a quarter in full, a quarter none, the rest about half. */
async function answerMonths(periods: string[]): Promise<void> {
  const agencies = await AgencyModel.find({ active: true }).sort({ code: 1 }).lean();
  const milestones = await MilestoneModel.find({ retiredAt: null }).lean();
  let seed = 11;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (const period of periods) {
    const month = Number(period.slice(5));
    for (const [index, agency] of agencies.entries()) {
      if (agency.code === "SNV") continue;
      const habit = (index + month) % 4;
      const due = milestones.filter((m) => m.months.includes(month) && (m.allAgencies || [...m.leadAgencies, ...m.coordinatingAgencies].some((id) => String(id) === String(agency._id))));
      for (const milestone of due) {
        if (habit === 1 || (habit >= 2 && random() < 0.5)) continue;
        const status = PROGRESS_STATUSES[Math.floor(random() * PROGRESS_STATUSES.length)]!;
        await submitProgressReport(
          { milestoneId: String(milestone._id), agencyId: String(agency._id), period, status, percent: status === "done" ? 100 : 50, note: "", attachments: [], reporter: { memberId: null, telegramId: 1, name: "Cán bộ" } },
          new Date(`${period}-${String(5 + Math.floor(random() * 15)).padStart(2, "0")}T02:00:00Z`),
        );
      }
    }
  }
}

/** Sở Nội vụ's March: its first task in progress then done, with a note and a photo; a second one begun. */
async function snvReports(): Promise<void> {
  const snv = (await AgencyModel.findOne({ code: "SNV" }).lean())!;
  const officer = (await MemberModel.findOne({ telegramId: 100001 }).lean())!;
  const due = (await MilestoneModel.find({ retiredAt: null, months: 3 }).sort({ position: 1 }).lean()).filter((m) => m.allAgencies || [...m.leadAgencies, ...m.coordinatingAgencies].some((id) => String(id) === String(snv._id)));
  const photo = leafletPhoto();
  const kept = await EvidenceFileModel.create({ bytes: photo, mimeType: "image/png", size: photo.length, source: "sandbox" });
  const reporter = { memberId: String(officer._id), telegramId: officer.telegramId, name: officer.displayName };
  const first = { milestoneId: String(due[0]!._id), agencyId: String(snv._id), period: "2018-03", reporter };
  await submitProgressReport({ ...first, status: "in-progress", percent: 60, note: "Đã xây dựng dự thảo kế hoạch tuyên truyền, gửi xin ý kiến các phòng.", attachments: [] }, new Date("2018-03-08T02:30:00Z"));
  await submitProgressReport({ ...first, status: "done", percent: 100, note: "Đã ban hành kế hoạch và in 500 tờ rơi tuyên truyền, phát tới các xã, phường.", attachments: [{ kind: "photo", fileId: "sandbox-leaflet", storedFile: String(kept._id), mimeType: "image/png" }] }, new Date("2018-03-15T03:10:00Z"));
  await submitProgressReport({ milestoneId: String(due[1]!._id), agencyId: String(snv._id), period: "2018-03", reporter, status: "blocked", percent: 30, note: "Chờ ý kiến của Thường trực Hội đồng.", attachments: [] }, new Date("2018-03-16T08:00:00Z"));
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
}

const sandbox = await startSandbox();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
try {
  for (const date of ["2018-01-02T08:00:00", "2018-02-01T08:00:00", "2018-03-01T08:00:00"]) await clock(sandbox.url, "monthly-push", date);
  await answerMonths(["2018-01", "2018-02", "2018-03"]);
  await snvReports();
  await clock(sandbox.url, "set", "2018-03-20T09:00:00");

  // The secretariat opens the dashboard from under /tinhhinh, beside the chat.
  const desk = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "vi-VN" });
  await desk.goto(`${sandbox.url}/`);
  await desk.getByRole("button", { name: /Phạm Thu Hà/ }).click();
  await desk.locator("#text").fill("/tinhhinh");
  await desk.keyboard.press("Enter");
  await desk.locator("#messages").getByRole("button", { name: "📊 Mở bảng theo dõi" }).last().click({ timeout: 20_000 });
  const frame = desk.frameLocator("#miniapp-frame");
  await frame.locator("table.matrix").waitFor({ timeout: 30_000 });
  await settle(desk);
  await desk.screenshot({ path: "docs/dashboard-sandbox.png" });

  // On a phone, as a leader opens it from the digest's button: the matrix, the year, an agency's month.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "vi-VN" });
  const { url } = (await (await fetch(`${sandbox.url}/sandbox/open`, { method: "POST", body: JSON.stringify({ persona: "leader", kind: "webapp" }) })).json()) as { url: string };
  await phone.goto(url);
  await phone.locator("table.matrix").waitFor({ timeout: 30_000 });
  await settle(phone);
  await phone.screenshot({ path: "docs/dashboard-matrix.png" });
  await phone.getByRole("tab", { name: "Cả năm" }).click();
  await phone.locator(".trend svg").waitFor();
  await settle(phone);
  await phone.screenshot({ path: "docs/dashboard-trend.png" });
  await phone.getByRole("tab", { name: "Đơn vị × tháng" }).click();
  await phone.getByRole("button", { name: /^Sở Nội vụ.*tháng 3\/2018/ }).click();
  await phone.getByRole("img", { name: "Ảnh minh chứng" }).first().waitFor({ timeout: 20_000 });
  await phone.getByRole("button", { name: /Các lần báo cáo trước/ }).first().click();
  await settle(phone);
  await phone.screenshot({ path: "docs/dashboard-agency.png" });
  console.log("docs/dashboard-*.png written");
} finally {
  await browser.close();
  await sandbox.stop();
}
