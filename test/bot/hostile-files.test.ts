import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import type { BotDeps } from "../../src/bot-deps.ts";
import { readDocumentIsolated } from "../../src/documents/isolated-reader.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { startHarness, TestUser, textsOf, type Harness } from "../support/bot-harness.ts";
import { gridSpanDocx, longTableDocx, zipBombDocx } from "../support/hostile-docx.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Hostile files sent to the bot, as an administrator forwarding them would: each gets one
 * sentence in the sender's language, nothing changes, and the bot answers everyone meanwhile.
 * The files go through the local Bot API server and the real reader process.
 */
useTestDatabase();
let harness: Harness;
let secretary: TestUser;
let officer: TestUser;
let readers: ChildProcess[];

async function start(readDocument?: BotDeps["readDocument"]) {
  harness = await startHarness(new Date("2018-01-15T02:00:00Z"), {}, { readDocument });
  secretary = new TestUser(harness, 13001, "Thư ký");
  officer = new TestUser(harness, 13002, "Cán bộ");
}

beforeEach(async () => {
  const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau.csv"), "utf8"));
  if ("rows" in read) await importAgencies(read.rows, { via: "cli" }, new Date());
  await addMember(13001, "Thư ký", "secretariat");
  await addMember(13002, "Cán bộ", "focal", "SNV");
  await addMember(13003, "Secretary", "secretariat", undefined, "en");
  readers = [];
});
afterEach(async () => {
  for (const reader of readers) reader.kill("SIGKILL");
  await harness.stop();
});

/** Every text the bot sent to one chat since the test began. */
const receivedBy = (chatId: number) => textsOf(harness.telegram.calls.filter((call) => Number(call.params.chat_id) === chatId));

async function nothingChanged() {
  expect(await PlanModel.countDocuments()).toBe(0);
  expect(await MilestoneModel.countDocuments()).toBe(0);
  expect(await AgencyModel.countDocuments()).toBe(61);
  expect(await AuditEntryModel.countDocuments({ "actor.via": "chat" })).toBe(0);
}

describe("hostile files sent to the bot", { timeout: 60_000 }, () => {
  it("answers the 1 KB Word file that ended the bot with one sentence, and answers another chat while it is being read", async () => {
    let started!: (reader: ChildProcess) => void;
    const reading = new Promise<ChildProcess>((resolve) => (started = resolve));
    // The reader is held still once it has the file, so the reading is certainly under way.
    await start((request) =>
      readDocumentIsolated(request, {
        onStart: (reader) => {
          readers.push(reader);
          reader.kill("SIGSTOP");
          started(reader);
        },
      }),
    );
    let answered = false;
    const upload = secretary.uploadDocument("ke-hoach-2018.docx", gridSpanDocx()).then(() => (answered = true));
    const reader = await reading;

    await officer.say("/trogiup");
    expect(receivedBy(officer.id).join("\n")).toContain("Các lệnh bạn dùng được");
    expect(answered).toBe(false);

    reader.kill("SIGCONT");
    await upload;
    expect(receivedBy(secretary.id)).toEqual(["Bảng trong tệp có dòng rộng hơn 40 cột (tính cả ô gộp), không giống bảng kế hoạch, nên không đọc và không có gì thay đổi."]);
    expect(receivedBy(officer.id)).toHaveLength(1);
    await nothingChanged();
  });

  it("refuses an oversized table and a zip bomb with one sentence each, in the sender's language", async () => {
    await start();
    await secretary.uploadDocument("ke-hoach-dai.docx", longTableDocx(3001));
    await secretary.uploadDocument("ke-hoach-nen.docx", zipBombDocx(1024));
    expect(receivedBy(secretary.id)).toEqual([
      "Tệp có hơn 3.000 dòng bảng, nhiều hơn mọi kế hoạch, nên không đọc và không có gì thay đổi.",
      "Tệp Word này có một phần khi giải nén lớn hơn 8 MB, quá lớn đối với một kế hoạch, nên không đọc và không có gì thay đổi.",
    ]);
    const english = new TestUser(harness, 13003, "Secretary", "en");
    await english.uploadDocument("plan.docx", gridSpanDocx());
    expect(receivedBy(english.id)).toEqual(["A table row in the file is wider than 40 columns (merged cells included), unlike a plan's table, so it was not read and nothing changed."]);
    await nothingChanged();
  });

  it("refuses a directory with more rows than a province has agencies, and a file stated too large without fetching it", async () => {
    await start();
    const rows = Array.from({ length: 16_584 }, (_, i) => `XA${i},Ủy ban nhân dân xã Số ${i},commune,KX,Khối xã,Xã Số ${i}`);
    await secretary.uploadDocument("co-quan.csv", Buffer.from(["code,name,kind,bloc_code,bloc_name,aliases", ...rows].join("\n")), "text/csv");
    await secretary.uploadDocument("ke-hoach-lon.docx", Buffer.alloc(6 * 1024 * 1024));
    await secretary.uploadDocument("co-quan-lon.csv", Buffer.alloc(3 * 1024 * 1024, "a"), "text/csv");
    expect(receivedBy(secretary.id)).toEqual([
      "Tệp CSV có hơn 5.000 dòng, nhiều hơn số cơ quan của bất kỳ tỉnh nào, nên không nhập và không có gì thay đổi.",
      "Tệp quá lớn (tối đa 5 MB), không đọc và không có gì thay đổi.",
      "Tệp quá lớn (tối đa 2 MB), không đọc và không có gì thay đổi.",
    ]);
    // Only the directory was fetched: Telegram had said the others were too large.
    expect(harness.telegram.calls.filter((call) => call.method === "getFile")).toHaveLength(1);
    await nothingChanged();
  });
});
