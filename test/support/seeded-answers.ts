import { AgencyModel } from "../../models/agency.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { ProgressReportModel } from "../../models/progress-report.ts";
import { PROGRESS_STATUSES, type ProgressStatus } from "../../src/followup/milestone-view.ts";
import { mergeAgency, retireAgency } from "../../src/services/agency-changes.ts";
import { submitProgressReport } from "../../src/services/progress-reports.ts";

/**
 * Answers for the Lai Châu province already loaded, the way a province's months really look:
 * for each month given, agencies that answer everything due, some of it, or nothing, in a
 * fixed pattern from `seed`; some reports sent again with another answer (a second version);
 * a report on a task that does not name the agency; then Sở LĐTBXH merged into Sở Nội vụ
 * (its reports moving over) and the Cục Thống kê retired with its reports left behind.
 */
export interface SeedOptions {
  periods: string[];
  seed: number;
  /** Answers per month through the real service (versions, audit), the rest written straight. */
  throughService?: number;
}

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function seedAnswers({ periods, seed, throughService = 6 }: SeedOptions): Promise<{ reports: number }> {
  const random = generator(seed);
  const agencies = await AgencyModel.find({ active: true }).sort({ code: 1 }).lean();
  const milestones = await MilestoneModel.find({ retiredAt: null }).lean();
  const reporter = { memberId: null, telegramId: 1, name: "Cán bộ" };
  let count = 0;
  for (const period of periods) {
    const month = Number(period.slice(5, 7));
    const due = milestones.filter((milestone) => milestone.months.includes(month));
    const docs = [];
    let viaService = 0;
    for (const [index, agency] of agencies.entries()) {
      const mine = due.filter((m) => m.allAgencies || [...m.leadAgencies, ...m.coordinatingAgencies].some((id) => String(id) === String(agency._id)));
      // A quarter answer everything, a quarter nothing, the rest about half.
      const habit = (index + seed) % 4;
      for (const milestone of mine) {
        if (habit === 1 || (habit >= 2 && random() < 0.5)) continue;
        const status = PROGRESS_STATUSES[Math.floor(random() * PROGRESS_STATUSES.length)]!;
        const reportedAt = new Date(`${period}-${String(3 + Math.floor(random() * 20)).padStart(2, "0")}T02:00:00Z`);
        if (viaService < throughService) {
          viaService++;
          const answer = { milestoneId: String(milestone._id), agencyId: String(agency._id), period, percent: 40, note: "Đã triển khai", attachments: [], reporter };
          // Sent twice: the second answer is the one that counts.
          await submitProgressReport({ ...answer, status: "in-progress" as ProgressStatus }, new Date(reportedAt.getTime() - 86_400_000));
          await submitProgressReport({ ...answer, status }, reportedAt);
        } else {
          const percent = status === "done" ? 100 : 40;
          docs.push({ plan: milestone.plan, milestone: milestone._id, agency: agency._id, period, status, percent, note: "", attachments: [], reportedAt, version: 1, versions: [{ version: 1, status, percent, reportedAt }] });
        }
        count++;
      }
    }
    await ProgressReportModel.insertMany(docs);
  }
  // An answer by an agency the task does not name (on a task not due that month, when every task
  // due then concerns every agency) counts nowhere.
  const last = Number(periods.at(-1)!.slice(5, 7));
  const named = milestones.find((m) => !m.allAgencies && m.months.includes(last)) ?? milestones.find((m) => !m.allAgencies)!;
  const outsider = agencies.find((agency) => ![...named.leadAgencies, ...named.coordinatingAgencies].some((id) => String(id) === String(agency._id)))!;
  await ProgressReportModel.create({ plan: named.plan, milestone: named._id, agency: outsider._id, period: periods.at(-1)!, status: "done", percent: 100, reportedAt: new Date(`${periods.at(-1)}-05T02:00:00Z`), version: 1 });
  const actor = { via: "cli" as const };
  await mergeAgency("SLDTBXH", "SNV", "2018-01-01", actor, new Date());
  await retireAgency("CTK", "2018-02-28", actor, new Date());
  return { reports: count };
}
