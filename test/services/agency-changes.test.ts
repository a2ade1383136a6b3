import { describe, expect, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { AuditEntryModel } from "../../models/audit-entry.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { loadAgencyDirectory } from "../../src/services/agency-directory.ts";
import { mergeAgency, renameAgency, retireAgency } from "../../src/services/agency-changes.ts";
import { focalOfficersByAgency } from "../../src/services/members.ts";
import { readFileSync } from "node:fs";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { importPlan } from "../../src/services/import-plan.ts";
import { addMember, agencyId, loadLaiChau } from "../support/lai-chau-fixture.ts";
import { repoPath } from "../support/sample-files.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();
const actor = { via: "cli" as const, name: "test" };
const now = new Date("2025-03-01T02:00:00Z");

async function report(milestoneId: unknown, agency: string, period: string, status: "done" | "in-progress", at: string) {
  const milestone = (await MilestoneModel.findById(milestoneId).lean())!;
  const reportedAt = new Date(at);
  return ProgressReportModel.create({
    plan: milestone.plan,
    milestone: milestone._id,
    agency,
    period,
    status,
    percent: status === "done" ? 100 : 40,
    reportedAt,
    version: 1,
    versions: [{ version: 1, status, percent: status === "done" ? 100 : 40, reportedAt }],
  });
}

describe("merging an agency into its successor", () => {
  it("moves reports, nominations, officers, tasks and rounds, keeping every version, and can be run again", async () => {
    const { planId } = await loadLaiChau();
    const [skhdt, stc] = [await agencyId("SKHDT"), await agencyId("STC")];
    await addMember(7001, "Cán bộ KHĐT", "focal", "SKHDT");
    const [first, second] = await MilestoneModel.find({ plan: planId }).sort({ position: 1 }).limit(2).lean();
    // The same task and month reported by both: Sở KHĐT's answer is the later one.
    await report(first!._id, skhdt, "2025-02", "done", "2025-02-20T03:00:00Z");
    await report(first!._id, stc, "2025-02", "in-progress", "2025-02-10T03:00:00Z");
    await report(second!._id, skhdt, "2025-02", "in-progress", "2025-02-11T03:00:00Z");
    await MilestoneModel.updateOne({ _id: second!._id }, { $set: { leadAgencies: [skhdt, stc] } });
    const round = await NominationRoundModel.create({ seq: 1, title: "Đợt", kind: "nomination", awardTypes: ["CSTD-CO-SO"], deadline: new Date("2025-03-30T10:00:00Z"), agencies: [skhdt, stc] });
    await NominationReportModel.create({ round: round._id, agency: skhdt, counts: [{ award: "CSTD-CO-SO", collective: 0, individual: 2 }], submittedAt: now, version: 1, versions: [{ version: 1, counts: [{ award: "CSTD-CO-SO", collective: 0, individual: 2 }], submittedAt: now }] });

    const result = await mergeAgency("SKHDT", "STC", "2025-03-01", actor, now);
    expect(result).toMatchObject({ reports: 2, nominations: 1, members: 1 });

    const merged = await ProgressReportModel.findOne({ milestone: first!._id, period: "2025-02" }).lean();
    expect(await ProgressReportModel.countDocuments({ milestone: first!._id })).toBe(1);
    expect(String(merged!.agency)).toBe(stc);
    expect(merged).toMatchObject({ status: "done", version: 2 });
    expect(merged!.versions.map((v) => [v.version, v.status, v.movedFrom ? "moved" : "own"])).toEqual([
      [1, "in-progress", "own"],
      [2, "done", "moved"],
    ]);
    expect(String((await ProgressReportModel.findOne({ milestone: second!._id }).lean())!.agency)).toBe(stc);
    expect(String((await NominationReportModel.findOne().lean())!.agency)).toBe(stc);
    expect((await focalOfficersByAgency()).get(stc)?.map((m) => m.telegramId)).toEqual([7001]);
    expect((await MilestoneModel.findById(second!._id).lean())!.leadAgencies.map(String)).toEqual([stc]);
    expect((await NominationRoundModel.findById(round._id).lean())!.agencies.map(String)).toEqual([stc]);
    expect(await AgencyModel.findById(skhdt).lean()).toMatchObject({ active: false, validUntil: "2025-02-28" });
    // The old name now means the successor.
    expect((await loadAgencyDirectory()).resolve("Sở Kế hoạch và Đầu tư").agencyIds).toEqual([stc]);

    // Run again (a crash, a CSV loaded twice): nothing moves twice.
    expect(await mergeAgency("SKHDT", "STC", "2025-03-01", actor, now)).toMatchObject({ reports: 0, nominations: 0, members: 0 });
    expect((await ProgressReportModel.findOne({ milestone: first!._id }).lean())!.versions).toHaveLength(2);
    expect(await AuditEntryModel.countDocuments({ action: "agency.merged" })).toBe(2);
  });

  it("refuses what makes no sense and changes nothing", async () => {
    await loadLaiChau();
    await expect(mergeAgency("SKHDT", "SKHDT", "2025-03-01", actor, now)).rejects.toMatchObject({ key: "agency-merge-self" });
    await expect(mergeAgency("NOPE", "STC", "2025-03-01", actor, now)).rejects.toMatchObject({ key: "agency-unknown" });
    await retireAgency("BQLKKT", "2025-06-30", actor, now);
    await expect(mergeAgency("STC", "BQLKKT", "2025-03-01", actor, now)).rejects.toMatchObject({ key: "agency-merge-into-retired" });
    expect(await AgencyModel.countDocuments({ active: false })).toBe(1);
  });

  it("renames an agency, the old name still finding it", async () => {
    await loadLaiChau();
    await renameAgency("SNV", "Sở Nội vụ tỉnh Lai Châu", actor, now);
    const directory = await loadAgencyDirectory();
    expect(directory.resolve("Sở Nội vụ (Ban Thi đua – Khen thưởng)").agencyIds).toEqual([await agencyId("SNV")]);
    expect((await AgencyModel.findOne({ code: "SNV" }).lean())!.name).toBe("Sở Nội vụ tỉnh Lai Châu");
  });
});

describe("the 2026 sample directory, shaped after the reorganisation", () => {
  const read2026 = () => {
    const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau-2026-sample.csv"), "utf8"));
    if (!("rows" in read)) throw new Error(JSON.stringify(read.problems));
    return read.rows;
  };

  it("loaded over the 2018 directory, merges the departments and the districts, and moves their officers", async () => {
    await loadLaiChau();
    await addMember(7101, "Cán bộ huyện Tam Đường", "focal", "TAMDUONG");
    const result = await importAgencies(read2026(), actor, new Date());
    expect(result).toMatchObject({ merged: 17, retired: 0 });
    expect(await AgencyModel.countDocuments({ kind: "district", active: true })).toBe(0);
    expect((await focalOfficersByAgency()).get(await agencyId("XTAMDUONG"))?.map((m) => m.telegramId)).toEqual([7101]);
    // Loading it again changes nothing more.
    expect(await importAgencies(read2026(), actor, new Date())).toMatchObject({ merged: 0, created: 0 });
  });

  it("reads the 2026 sample plan with every unit matched, group phrases of the two-level administration included", async () => {
    await importAgencies(read2026(), actor, new Date());
    const text = readFileSync(repoPath("data/samples/lai-chau-2026-sample.txt"), "utf8");
    const plan = parsePlan(text);
    expect(plan).toMatchObject({ year: 2026, number: "12/KH-UBND" });
    const imported = await importPlan(plan, { text, warnings: [] }, actor, new Date());
    expect(imported.unresolvedUnits).toEqual([]);
    const row3 = await MilestoneModel.findOne({ row: "3" }).lean();
    const communes = await AgencyModel.find({ kind: "commune", active: true }).lean();
    expect(row3!.leadAgencies.map(String)).toEqual(expect.arrayContaining(communes.map((c) => String(c._id))));
    expect(row3!.leadAgencies.map(String)).toContain(await agencyId("SNNMT"));
  });
});

