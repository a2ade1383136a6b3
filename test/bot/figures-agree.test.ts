import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runJob } from "../../jobs/registry.ts";
import type { UploadedFile } from "../../devkit/bot-api/request-params.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { addMember, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { seedAnswers } from "../support/seeded-answers.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * One month of a seeded province read five ways — the leaders' digest, /tinhhinh, /chuabaocao,
 * /quahan and the Excel export — must say the same thing: the same agencies reported in full,
 * in part and not at all, the same tasks answered, the same overdue count.
 */
useTestDatabase();
let harness: Harness;
// Monday 23 April 2018, 08:00 in Lai Châu: March's tasks led by UBND are past their window.
const NOW = new Date("2018-04-23T01:00:00Z");

beforeEach(async () => {
  harness = await startHarness(NOW);
  await loadLaiChau();
  await addMember(7001, "Thư ký", "secretariat");
  await addMember(7002, "Lãnh đạo", "leader");
  await addMember(7003, "Cán bộ UBND", "focal", "UBND");
  for (const at of ["2018-02-01T08:00:00+07:00", "2018-03-01T08:00:00+07:00", "2018-04-02T08:00:00+07:00"]) await runJob("monthly-push", jobContext(harness.deps.config, new Date(at)), harness.deps.config.schedules);
  await seedAnswers({ periods: ["2018-02", "2018-03", "2018-04"], seed: 7 });
});
afterEach(() => harness.stop());

const number = (text: string, pattern: RegExp): number => {
  const match = pattern.exec(text);
  if (!match) throw new Error(`${pattern} not in:\n${text}`);
  return Number(match[1]);
};
const AGENCIES = /(\d+)\/(\d+) đơn vị đã báo cáo đủ; (\d+) báo cáo một phần; (\d+) chưa báo cáo\./;
const TASKS = /Nhiệm vụ đến hạn đã có báo cáo: (\d+)\/(\d+) \((\d+)%\)/;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function workbook(calls: Awaited<ReturnType<TestUser["say"]>>): Promise<ExcelJS.Workbook> {
  const file = calls.find((call) => call.method === "sendDocument")!.params.document as UploadedFile;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
  return book;
}

describe("the month's figures", () => {
  it("are the same in the digest, /tinhhinh, /chuabaocao, /quahan and the export", async () => {
    const secretary = new TestUser(harness, 7001, "Thư ký");
    const status = textsOf(await secretary.say("/tinhhinh")).join("\n");
    const missing = textsOf(await secretary.say("/chuabaocao")).join("\n");
    const overdue = textsOf(await secretary.say("/quahan")).join("\n");
    const digest = textsOf(await new TestUser(harness, 7002, "Lãnh đạo").say("/tonghop"))[0]!;
    const book = await workbook(await secretary.say("/xuatbaocao"));

    // Agencies by state, and tasks answered: the very same lines in /tinhhinh and the digest.
    const agencies = AGENCIES.exec(status)!;
    const tasks = TASKS.exec(status)!;
    expect(agencies).not.toBeNull();
    expect(AGENCIES.exec(digest)![0]).toBe(agencies[0]);
    expect(TASKS.exec(digest)![0]).toBe(tasks[0]);
    const [reported, owing, partly, notReported] = [1, 2, 3, 4].map((i) => Number(agencies[i]));
    const [answered, owed] = [1, 2].map((i) => Number(tasks[i]));
    // The seed makes every state common; merged and retired agencies are gone from the count.
    expect(Math.min(reported!, partly!, notReported!)).toBeGreaterThan(5);
    expect(owing).toBe(reported! + partly! + notReported!);
    expect(owing).toBeLessThanOrEqual(59);

    // /chuabaocao: the not reported, then the partly reported, with the same counts.
    expect(number(missing, /Đơn vị chưa báo cáo tháng 4\/2018: (\d+)/)).toBe(notReported);
    expect(number(missing, /Báo cáo một phần: (\d+) đơn vị/)).toBe(partly);
    const [notReportedPart, partlyPart] = missing.split("Báo cáo một phần:");
    const listed = (text: string) => [...text.matchAll(/^• (.+?): /gm)].map((match) => match[1]!);
    expect(listed(notReportedPart!)).toHaveLength(notReported!);
    expect(listed(partlyPart!)).toHaveLength(partly!);
    expect(number(digest, /Đơn vị chưa báo cáo: (\d+)/)).toBe(notReported);
    expect(number(digest, /Đơn vị báo cáo một phần: (\d+)/)).toBe(partly);
    expect(digest).toContain(listed(notReportedPart!).slice(0, 12).join("; "));

    // /tinhhinh task by task: the answers per task add up to the month's.
    const perTask = (label: string) => sum([...status.matchAll(new RegExp(`${label}: (\\d+)`, "g"))].map((match) => Number(match[1])));
    const responsible = sum([...status.matchAll(/\((\d+) đơn vị\)$/gm)].map((match) => Number(match[1])));
    const doneEarlier = perTask("Đã hoàn thành tháng trước");
    expect(perTask("Chưa báo cáo")).toBe(owed! - answered!);
    expect(responsible).toBe(owed! + doneEarlier);

    // The export: a row per task and agency due, answers as the views count them, and its sheet
    // of agencies not reported or reported partly naming the same ones.
    const progress = book.getWorksheet("Tiến độ")!.getSheetValues().slice(2) as unknown[][];
    expect(progress).toHaveLength(responsible);
    const rowsWith = (label: string) => progress.filter((row) => row[7] === label).length;
    expect(rowsWith("Chưa báo cáo")).toBe(owed! - answered!);
    expect(rowsWith("Đã hoàn thành tháng trước")).toBe(doneEarlier);
    expect(rowsWith("Hoàn thành")).toBe(perTask("Hoàn thành"));
    expect(number(digest, /— (\d+) hoàn thành/)).toBe(rowsWith("Hoàn thành"));
    const silent = book.getWorksheet("Chưa báo cáo")!.getSheetValues().slice(2) as unknown[][];
    const named = (state: string) => silent.filter((row) => row[4] === state).map((row) => String(row[2]));
    expect(named("Chưa báo cáo")).toEqual(listed(notReportedPart!));
    expect(named("Báo cáo một phần")).toEqual(listed(partlyPart!));
    expect(sum(silent.map((row) => Number(row[6])))).toBe(owed! - answered!);

    // The overdue tasks: as many in /quahan as the digest counts.
    expect(number(overdue, /Nhiệm vụ quá hạn chưa hoàn thành: (\d+)/)).toBeGreaterThan(0);
    expect(number(digest, /Quá hạn chưa hoàn thành: (\d+) nhiệm vụ/)).toBe(number(overdue, /Nhiệm vụ quá hạn chưa hoàn thành: (\d+)/));

    // One agency's own view says what the lists say of it.
    const [someonePartly] = listed(partlyPart!);
    const own = textsOf(await secretary.say(`/tinhhinh ${someonePartly}`)).join("\n");
    expect(own).toMatch(/Báo cáo một phần: \d+\/\d+ nhiệm vụ/);
  });
});
