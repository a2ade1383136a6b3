import ExcelJS from "exceljs";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import PizZip from "pizzip";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import type { UploadedFile } from "../../devkit/bot-api/request-params.ts";
import { translatorFor } from "../../src/i18n.ts";
import { DEFAULT_DOCUMENT_SETTINGS } from "../../src/reports/document-settings.ts";
import { buildReportFile, type ReportRequestError } from "../../src/services/periodic-report-data.ts";
import { textWidthPoints } from "../../src/reports/text-width.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { readDocx, type Docx } from "../support/docx-reading.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { seedAnswers } from "../support/seeded-answers.ts";
import { repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * The periodic report of a seeded half-year, read back from its .docx: the layout of Decree
 * 30/2020 (A4, margins, Times New Roman and its sizes, the heading's parts in order, the rules),
 * and every figure held to what /tinhhinh, /quahan, the digest and the Excel export say of the
 * same months.
 */
const database = useTestDatabase();
let harness: Harness;
// Thursday 5 July 2018, 09:00 in Lai Châu: the first half of 2018 is over.
const NOW = new Date("2018-07-05T02:00:00Z");
const MONTHS = [1, 2, 3, 4, 5, 6];

beforeEach(async () => {
  harness = await startHarness(NOW);
  await loadLaiChau();
  await addMember(7001, "Thư ký", "secretariat");
  await addMember(7002, "Lãnh đạo", "leader");
  await addMember(7003, "Cán bộ UBND", "focal", "UBND");
  for (const month of [2, 3, 4, 5, 6]) await runJob("monthly-push", jobContext(harness.deps.config, new Date(`2018-0${month}-01T08:00:00+07:00`)), harness.deps.config.schedules);
  await seedAnswers({ periods: MONTHS.map((month) => `2018-0${month}`), seed: 11 });
});
afterEach(() => harness.stop());

const TWIPS_PER_MM = 1440 / 25.4;
const AGENCIES = /(\d+)\/(\d+) đơn vị đã báo cáo đủ; (\d+) báo cáo một phần; (\d+) chưa báo cáo\./;
const TASKS = /Nhiệm vụ đến hạn đã có báo cáo: (\d+)\/(\d+) \((\d+)%\)/;
const RESULT = /^Kết quả: (\d+) lượt hoàn thành(?:, (\d+) lượt đã hoàn thành từ tháng trước)?, (\d+) đang thực hiện, (\d+) chưa triển khai, (\d+) gặp vướng mắc, (\d+) chưa báo cáo\. Đã có báo cáo (\d+)\/(\d+) lượt đơn vị/;
/** A task as /tinhhinh names it ("[3] text…", shortened) and as the report does (in full): its row and first words. */
const taskKey = (title: string) => title.replace(/…$/, "").slice(0, 60);
const attribute = (xml: string, name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(xml)?.[1]);

async function reportOf(user: TestUser, args: string): Promise<{ docx: Docx; caption: string; name: string }> {
  const calls = await user.say(`/baocaoky ${args}`);
  const sent = calls.find((call) => call.method === "sendDocument");
  if (!sent) throw new Error(`no document: ${textsOf(calls).join(" | ")}`);
  const file = sent.params.document as UploadedFile;
  return { docx: readDocx(file.bytes as Buffer), caption: String(sent.params.caption), name: file.fileName };
}

describe("the periodic report", () => {
  it("is laid out as Decree 30/2020 asks, with its heading's parts in order", async () => {
    const { docx, caption, name } = await reportOf(new TestUser(harness, 7001, "Thư ký"), "1/2018 6/2018");
    expect(name).toBe("bao-cao-2018-01-2018-06.docx");
    expect(caption).toBe("Kết quả thực hiện Kế hoạch công tác thi đua, khen thưởng 6 tháng đầu năm 2018");

    // A4, portrait; margins 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right.
    const section = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(docx.part("word/document.xml"))![0];
    const size = /<w:pgSz[^>]*>/.exec(section)![0];
    expect([attribute(size, "w"), attribute(size, "h")]).toEqual([11906, 16838]);
    const margins = /<w:pgMar[^>]*>/.exec(section)![0];
    const mm = (side: string) => attribute(margins, side) / TWIPS_PER_MM;
    for (const side of ["top", "bottom"]) {
      expect(mm(side)).toBeGreaterThanOrEqual(19.9);
      expect(mm(side)).toBeLessThanOrEqual(25.1);
    }
    expect(mm("left")).toBeGreaterThanOrEqual(29.9);
    expect(mm("left")).toBeLessThanOrEqual(35.1);
    expect(mm("right")).toBeGreaterThanOrEqual(14.9);
    expect(mm("right")).toBeLessThanOrEqual(20.1);
    // Page numbers in the top margin, not on the first page.
    expect(section).toContain("<w:titlePg");
    const headers = docx.zip.file(/word\/header\d+\.xml/).map((file) => file.asText());
    expect(headers.some((header) => /PAGE/.test(header) && /<w:jc w:val="center"\/>/.test(header))).toBe(true);

    // Times New Roman throughout, 14 pt for the body.
    const styles = docx.part("word/styles.xml");
    expect(/<w:docDefaults>[\s\S]*<w:rFonts[^>]*w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/.test(styles)).toBe(true);
    expect(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/.test(styles)).toBe(true);
    expect(docx.part("word/document.xml")).not.toMatch(/w:ascii="(?!Times New Roman)/);

    // The heading, part by part, in order, each in its size and style.
    const find = (text: string | RegExp) => {
      const index = docx.paragraphs.findIndex((p) => (typeof text === "string" ? p.text === text : text.test(p.text)));
      if (index < 0) throw new Error(`no paragraph ${text}`);
      return { index, ...docx.paragraphs[index]! };
    };
    const parts = [
      { text: "UBND TỈNH LAI CHÂU", size: 13, bold: false, italic: false },
      { text: "SỞ NỘI VỤ", size: 13, bold: true, italic: false },
      { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size: 12, bold: true, italic: false },
      { text: "Độc lập - Tự do - Hạnh phúc", size: 13, bold: true, italic: false },
      { text: /^Số: +\/BC-SNV$/, size: 13, bold: false, italic: false },
      { text: /^Lai Châu, ngày +tháng 7 năm 2018$/, size: 14, bold: false, italic: true },
      { text: "BÁO CÁO", size: 14, bold: true, italic: false },
      { text: "Kết quả thực hiện Kế hoạch công tác thi đua, khen thưởng 6 tháng đầu năm 2018", size: 14, bold: true, italic: false },
      { text: "Kính gửi: Ủy ban nhân dân tỉnh Lai Châu.", size: 14, bold: false, italic: false },
    ].map((part) => ({ part, found: find(part.text) }));
    expect(parts.map(({ found }) => found.index)).toEqual([...parts.map(({ found }) => found.index)].sort((a, b) => a - b));
    for (const { part, found } of parts) expect({ text: found.text, size: found.size, bold: found.bold, italic: found.italic }).toEqual({ text: found.text, size: part.size, bold: part.bold, italic: part.italic });
    // Issuing body and number on the left, national title and date on the right.
    const heading = docx.tables[0]!;
    expect(heading[0]![0]).toContain("SỞ NỘI VỤ");
    expect(heading[0]![1]).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(heading[1]![0]).toMatch(/^Số:/);
    expect(heading[1]![1]).toMatch(/^Lai Châu, ngày/);

    // Rules: under the issuing body a third to a half of it, under the motto as long as it, under the summary a third to a half.
    const ruleAfter = (index: number) => docx.paragraphs.slice(index + 1, index + 3).find((p) => p.rule);
    const ruleLength = (rule: { xml: string }, width: number) => width - 2 * attribute(rule.xml, "left");
    const issuerRule = ruleAfter(parts[1]!.found.index)!;
    const mottoRule = ruleAfter(parts[3]!.found.index)!;
    const summaryRule = ruleAfter(parts[7]!.found.index)!;
    expect(issuerRule && mottoRule && summaryRule).toBeTruthy();
    const textTwips = (text: string, size: number) => textWidthPoints(text, size, true) * 20;
    const leftCell = attribute(/<w:gridCol w:w="\d+"/.exec(docx.part("word/document.xml"))![0], "w") - 216;
    const issuerShare = ruleLength(issuerRule, leftCell) / textTwips("SỞ NỘI VỤ", 13);
    expect(issuerShare).toBeGreaterThanOrEqual(1 / 3);
    expect(issuerShare).toBeLessThanOrEqual(1 / 2);
    const textWidth = 11906 - attribute(/<w:pgMar[^>]*>/.exec(section)![0], "left") - attribute(/<w:pgMar[^>]*>/.exec(section)![0], "right");
    const rightCell = textWidth - leftCell - 216 - 216;
    expect(ruleLength(mottoRule, rightCell) / textTwips("Độc lập - Tự do - Hạnh phúc", 13)).toBeCloseTo(1, 1);
    const summaryShare = ruleLength(summaryRule, textWidth) / Math.min(textTwips(parts[7]!.found.text, 14), textWidth);
    expect(summaryShare).toBeGreaterThanOrEqual(1 / 3);
    expect(summaryShare).toBeLessThanOrEqual(1 / 2);

    // The body: sections I, II and III; III clearly left for the secretariat; "Nơi nhận" and the signer.
    expect(find(/^I\. KẾT QUẢ/).bold).toBe(true);
    expect(find(/^II\. CÔNG TÁC ĐĂNG KÝ/).bold).toBe(true);
    expect(find(/^III\. ĐÁNH GIÁ/).bold).toBe(true);
    expect(find(/^\[Phần dành cho Ban Thi đua/).xml).toContain('<w:highlight w:val="yellow"/>');
    const body = find(/^Thực hiện Kế hoạch số 69\/KH-UBND ngày 11\/01\/2018/);
    expect(body.size).toBe(14);
    expect(body.xml).toContain('<w:jc w:val="both"/>');
    expect(find("Nơi nhận:")).toMatchObject({ size: 12, bold: true, italic: true });
    expect(find("- Như trên;")).toMatchObject({ size: 11, bold: false });
    expect(find("- Lưu: VT, TĐKT.")).toMatchObject({ size: 11 });
    expect(find("KT. GIÁM ĐỐC")).toMatchObject({ size: 14, bold: true });
    expect(find("PHÓ GIÁM ĐỐC")).toMatchObject({ size: 14, bold: true });
    // No tag of the template is left behind.
    expect(docx.text).not.toMatch(/[{}]/);
  });

  it("says what /tinhhinh, /chuabaocao, /quahan, the digest and the Excel export say of the same months", async () => {
    const secretary = new TestUser(harness, 7001, "Thư ký");
    const { docx } = await reportOf(secretary, "1/2018 6/2018");
    const monthTable = docx.tables.find((table) => table[0]![0] === "Tháng")!;
    const expectedTasks = new Map<string, Record<string, number>>();
    const neverAnswered: Set<string>[] = [];
    for (const month of MONTHS) {
      // The month's row is /tinhhinh's two lines.
      const status = textsOf(await secretary.say(`/tinhhinh ${month}/2018`)).join("\n");
      const agencies = AGENCIES.exec(status)!;
      const tasks = TASKS.exec(status)!;
      const row = monthTable.find((cells) => cells[0]!.replace("*", "") === `Tháng ${month}/2018`)!;
      expect(row.slice(1)).toEqual([`${agencies[1]}/${agencies[2]}`, agencies[3], agencies[4], `${tasks[1]}/${tasks[2]} (${tasks[3]}%)`]);
      // Task by task, the month's answers add up into the period's.
      for (const block of status.split("\n\n").slice(1)) {
        const [title, counts] = block.split("\n");
        const key = taskKey(title!.replace(/^\d+\. /, ""));
        const sums = expectedTasks.get(key) ?? {};
        for (const [, label, count] of counts!.matchAll(/([^:·(]+?): (\d+)/g)) sums[label!.trim()] = (sums[label!.trim()] ?? 0) + Number(count);
        sums.responsible = (sums.responsible ?? 0) + Number(/\((\d+) đơn vị\)/.exec(counts!)![1]);
        expectedTasks.set(key, sums);
      }
      const missing = textsOf(await secretary.say(`/chuabaocao ${month}/2018`)).join("\n").split("Báo cáo một phần:")[0]!;
      neverAnswered.push(new Set([...missing.matchAll(/^• (.+?): /gm)].map((match) => match[1]!)));
    }
    // The period's row adds up the months.
    const total = monthTable.find((cells) => cells[0] === "Cả kỳ (lượt đơn vị)")!;
    const column = (index: number) => monthTable.slice(1, -1).map((cells) => cells[index]!);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    // Numbers as Vietnamese writes them: "1.549".
    const number = (text: string) => Number(text.replace(/\./g, ""));
    expect(number(total[1]!.split("/")[1]!)).toBe(sum(column(1).map((cell) => number(cell.split("/")[1]!))));
    expect(number(total[2]!)).toBe(sum(column(2).map(number)));
    expect(number(total[4]!.split("/")[0]!)).toBe(sum(column(4).map((cell) => number(cell.split("/")[0]!))));

    // Each task's results are its months' /tinhhinh counts added up.
    const entries = docx.paragraphs.map((p) => p.text);
    let checked = 0;
    for (const [index, text] of entries.entries()) {
      const title = /^2\.\d+\. (.+?)(?: \(mục (\S+) của Kế hoạch\))?$/.exec(text);
      if (!title) continue;
      const result = RESULT.exec(entries[index + 2]!)!;
      const expected = expectedTasks.get(taskKey(title[2] ? `[${title[2]}] ${title[1]}` : title[1]!))!;
      expect(expected).toBeDefined();
      const [done, earlier, progress, notStarted, blocked, silent, answered, owed] = result.slice(1).map((value) => Number(value ?? 0));
      expect({ done, earlier, progress, notStarted, blocked, silent }).toEqual({
        done: expected["Hoàn thành"] ?? 0,
        earlier: expected["Đã hoàn thành tháng trước"] ?? 0,
        progress: expected["Đang thực hiện"] ?? 0,
        notStarted: expected["Chưa triển khai"] ?? 0,
        blocked: expected["Gặp vướng mắc"] ?? 0,
        silent: expected["Chưa báo cáo"] ?? 0,
      });
      expect(owed).toBe(expected.responsible! - (expected["Đã hoàn thành tháng trước"] ?? 0));
      expect(answered).toBe(owed! - (expected["Chưa báo cáo"] ?? 0));
      checked++;
    }
    expect(checked).toBe(expectedTasks.size);
    expect(checked).toBeGreaterThan(10);

    // Agencies that never answered: those /chuabaocao lists as not reported in every month.
    const start = entries.indexOf("3. Cơ quan, đơn vị chưa báo cáo lần nào trong kỳ");
    const end = entries.findIndex((text) => text.startsWith("4. Nhiệm vụ quá hạn"));
    const listed = entries.slice(start + 1, end).map((text) => /^- (.+) \(\d+ lượt/.exec(text)![1]!);
    const everyMonth = [...neverAnswered[0]!].filter((name) => neverAnswered.every((names) => names.has(name)));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toEqual(everyMonth);

    // The overdue tasks: as many as /quahan counts for June.
    const overdue = textsOf(await secretary.say("/quahan 6/2018")).join("\n");
    expect(Number(/: (\d+) nhiệm vụ$/.exec(entries[end]!)![1])).toBe(Number(/Nhiệm vụ quá hạn chưa hoàn thành: (\d+)/.exec(overdue)![1]));

    // June in the leaders' digest and in the Excel export.
    const june = monthTable.find((cells) => cells[0] === "Tháng 6/2018")!;
    const digest = textsOf(await new TestUser(harness, 7002, "Lãnh đạo").say("/tonghop 6/2018"))[0]!;
    const agencies = AGENCIES.exec(digest)!;
    expect(`${agencies[1]}/${agencies[2]}`).toBe(june[1]);
    expect([agencies[3], agencies[4]]).toEqual([june[2], june[3]]);
    const book = new ExcelJS.Workbook();
    const sent = (await secretary.say("/xuatbaocao 6/2018")).find((call) => call.method === "sendDocument")!;
    await book.xlsx.load((sent.params.document as UploadedFile).bytes as unknown as ArrayBuffer);
    const silent = book.getWorksheet("Chưa báo cáo")!.getSheetValues().slice(2) as unknown[][];
    expect(String(silent.filter((row) => row[4] === "Báo cáo một phần").length)).toBe(june[2]);
    expect(String(silent.filter((row) => row[4] === "Chưa báo cáo").length)).toBe(june[3]);
    const progress = book.getWorksheet("Tiến độ")!.getSheetValues().slice(2) as unknown[][];
    const [answered, owed] = june[4]!.split(" ")[0]!.split("/").map(Number);
    expect(progress.filter((row) => row[7] === "Chưa báo cáo").length).toBe(owed! - answered!);
  });

  it("answers bad input in chat with one sentence and no file", async () => {
    const secretary = new TestUser(harness, 7001, "Thư ký");
    const cases: [string, RegExp][] = [
      ["6/2018 1/2018", /^Khoảng thời gian trống: tháng bắt đầu \(6\/2018\) sau tháng kết thúc \(1\/2018\)\. Không có gì được ghi\.$/],
      ["1/2017 6/2017", /^Không có kế hoạch năm 2017 nào đã nhập; .+ Không có gì được ghi\.$/],
      ["1/2018 9/2018", /^Tháng 9\/2018 chưa đến; .+$/],
      ["1/2018 13/2018", /"13\/2018"/],
      ["", /^Cách dùng: \/baocaoky 1\/2018 6\/2018/],
    ];
    for (const [args, answer] of cases) {
      const calls = await secretary.say(`/baocaoky ${args}`.trim());
      expect(calls.filter((call) => call.method === "sendDocument")).toHaveLength(0);
      const texts = textsOf(calls);
      expect(texts, args).toHaveLength(1);
      expect(texts[0]).toMatch(answer);
    }
    // The same refusals from the service, for what the command line adds: a plan by its number.
    const request = { from: { year: 2018, month: 1 }, to: { year: 2018, month: 6 }, now: NOW, timeZone: "Asia/Ho_Chi_Minh" };
    const refusal = (plan: string, from = request.from) => buildReportFile({ ...request, from, plan }, DEFAULT_DOCUMENT_SETTINGS, translatorFor("vi")).then(() => null, (error: ReportRequestError) => [error.key, error.params]);
    expect(await refusal("99/KH-UBND")).toEqual(["doc-error-plan-unknown", { plan: "99/KH-UBND" }]);
    expect(await refusal("69/KH-UBND", { year: 2017, month: 12 })).toEqual(["doc-error-outside-plan", { plan: "69/KH-UBND", year: "2018" }]);
    expect(await refusal("69/kh-ubnd")).toBeNull();
    // A focal officer gets no report.
    const officer = textsOf(await new TestUser(harness, 7003, "Cán bộ UBND").say("/baocaoky 1/2018 6/2018"));
    expect(officer).toHaveLength(1);
    expect(officer[0]).not.toMatch(/Kết quả/);
  });

  it("comes with /dongnam's close of the year, after the year-end account", async () => {
    const secretary = new TestUser(harness, 7001, "Thư ký");
    await secretary.say("/dongnam 2018");
    const calls = await secretary.press("ye:2018");
    const texts = textsOf(calls);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Đã khóa sổ năm 2018: /);
    const documents = calls.filter((call) => call.method === "sendDocument");
    expect(documents).toHaveLength(1);
    // 2018 is not over on 5 July: the year so far.
    expect(String(documents[0]!.params.caption)).toBe("Kết quả thực hiện Kế hoạch công tác thi đua, khen thưởng 7 tháng đầu năm 2018");
    const months = readDocx((documents[0]!.params.document as UploadedFile).bytes as Buffer).tables.find((table) => table[0]![0] === "Tháng")!;
    expect(months.slice(1, -1).map((row) => row[0]!.replace("*", ""))).toEqual([1, 2, 3, 4, 5, 6, 7].map((month) => `Tháng ${month}/2018`));
  });

  it("refuses a broken template of the secretariat's with one sentence", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dondoc-template-"));
    try {
      // A tag opened and never closed.
      const zip = new PizZip(readFileSync(repoPath("data/templates/bao-cao-dinh-ky.docx")));
      zip.file("word/document.xml", zip.file("word/document.xml")!.asText().replace("{/tasks}", ""));
      const broken = join(folder, "mau-hong.docx");
      writeFileSync(broken, zip.generate({ type: "nodebuffer" }));
      const notDocx = join(folder, "khong-phai.docx");
      writeFileSync(notDocx, "Đây không phải tệp Word");
      for (const template of [broken, notDocx, join(folder, "khong-co.docx")]) {
        harness.deps.config.documents = { ...DEFAULT_DOCUMENT_SETTINGS, template };
        const calls = await new TestUser(harness, 7001, "Thư ký").say("/baocaoky 1/2018 6/2018");
        expect(calls.filter((call) => call.method === "sendDocument")).toHaveLength(0);
        const texts = textsOf(calls);
        expect(texts).toHaveLength(1);
        expect(texts[0]).toMatch(/^Mẫu báo cáo không dùng được \(.+\)\. Không có gì được ghi\.$/);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

// A process per run, on a busy machine: time enough for each to start.
describe("the periodic report from the command line", { timeout: 600_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), "dondoc-report-cli-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const run = promisify(execFile);
  async function cli(args: string[]) {
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${database.name}`;
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: repoPath(""), env: { ...process.env, MONGODB_URI: uri.toString(), DATA_DIR: scratch } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  // The CLI's clock is the machine's: the half-year of 2018 is long past.
  const errorLine = (stderr: string) => stderr.split("\n").filter((line) => line && !/^(Cơ sở dữ liệu|Database)/.test(line));

  it("writes the same document as the chat, and refuses bad input with one line and nothing written", async () => {
    const out = join(scratch, "bao-cao.docx");
    const made = await cli(["report", "docx", "--from", "2018-01", "--to", "2018-06", "--out", out, "--plan", "69/KH-UBND"]);
    expect(made.code, made.stderr).toBe(0);
    const fromCli = readDocx(readFileSync(out));
    const { docx: fromChat } = await reportOf(new TestUser(harness, 7001, "Thư ký"), "1/2018 6/2018");
    const tasks = fromChat.paragraphs.filter((p) => /^2\.\d+\. /.test(p.text)).length;
    expect(made.stdout.trim()).toBe(`Đã ghi ${out}: Kết quả thực hiện Kế hoạch công tác thi đua, khen thưởng 6 tháng đầu năm 2018 (${tasks} nhiệm vụ).`);
    // The same document, whichever way it was asked for, but for the date line (the day's).
    const body = (docx: Docx) => docx.paragraphs.map((p) => p.text).filter((text) => !/, ngày /.test(text));
    expect(body(fromCli)).toEqual(body(fromChat));
    expect(fromCli.tables.slice(1)).toEqual(fromChat.tables.slice(1));

    // Each run starts a process: the few that only the command line reaches (the others are the chat's, below).
    const bad: [string[], RegExp][] = [
      [["--from", "2018-06", "--to", "2018-01"], /^Khoảng thời gian trống/],
      [["--from", "2017-07", "--to", "2018-06", "--plan", "69/KH-UBND"], /^Kế hoạch 69\/KH-UBND là kế hoạch năm 2018; khoảng thời gian đã chọn nằm ngoài kế hoạch/],
      [["--from", "2018-01", "--to", "2018-06", "--template", join(scratch, "khong-co.docx")], /^Mẫu báo cáo không dùng được/],
    ];
    for (const [args, line] of bad) {
      const target = join(scratch, "khong-duoc-ghi.docx");
      const result = await cli(["report", "docx", ...args, "--out", target]);
      expect(result.code, args.join(" ")).not.toBe(0);
      expect(errorLine(result.stderr)).toHaveLength(1);
      expect(errorLine(result.stderr)[0]).toMatch(line);
      expect(existsSync(target)).toBe(false);
    }
  });
});

const hasOffice = (() => {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore" });
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOffice) console.warn("[periodic report] SKIPPED the PDF check: no LibreOffice (soffice) or poppler-utils (pdftoppm); install Debian's libreoffice-writer-nogui and poppler-utils to run it");

describe.skipIf(!hasOffice)("the periodic report in LibreOffice (needs soffice and pdftoppm)", { timeout: 180_000 }, () => {
  it("converts to a PDF of A4 pages whose first page reads as the heading, and to a PNG", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dondoc-report-pdf-"));
    try {
      const calls = await new TestUser(harness, 7001, "Thư ký").say("/baocaoky 1/2018 6/2018");
      const file = calls.find((call) => call.method === "sendDocument")!.params.document as UploadedFile;
      writeFileSync(join(folder, "bao-cao.docx"), file.bytes as Buffer);
      // Its own profile: another LibreOffice running on the machine does not get in the way.
      await promisify(execFile)("soffice", [`-env:UserInstallation=file://${folder}/profile`, "--headless", "--convert-to", "pdf", "--outdir", folder, join(folder, "bao-cao.docx")]);
      const info = execFileSync("pdfinfo", [join(folder, "bao-cao.pdf")], { encoding: "utf8" });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(1);
      expect(info).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
      const first = execFileSync("pdftotext", ["-l", "1", "-layout", join(folder, "bao-cao.pdf"), "-"], { encoding: "utf8" });
      for (const part of ["UBND TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Kính gửi: Ủy ban nhân dân tỉnh Lai Châu."]) expect(first).toContain(part);
      expect(execFileSync("pdffonts", [join(folder, "bao-cao.pdf")], { encoding: "utf8" })).toMatch(/LiberationSerif|TimesNewRoman|Times/);
      execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "60", "-png", join(folder, "bao-cao.pdf"), join(folder, "trang")]);
      const png = readFileSync(join(folder, "trang-1.png"));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      // 210 × 297 mm at 60 dpi.
      expect(Math.abs(png.readUInt32BE(16) - 496)).toBeLessThanOrEqual(1);
      expect(Math.abs(png.readUInt32BE(20) - 702)).toBeLessThanOrEqual(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
