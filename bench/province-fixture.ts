import { Types } from "mongoose";
import { AgencyModel } from "../models/agency.ts";
import { JobRunModel } from "../models/job-run.ts";
import { MemberModel } from "../models/member.ts";
import { MilestoneModel } from "../models/milestone.ts";
import { PlanModel } from "../models/plan.ts";
import { ProgressReportModel } from "../models/progress-report.ts";
import { PROGRESS_STATUSES } from "../src/followup/milestone-view.ts";
import { ensureAnswerSheets } from "../src/services/answer-sheets.ts";

/**
 * A province of a given size for the bench: `agencies` agencies with two focal officers each,
 * one plan of `milestones` tasks (a quarter concern every agency, the rest name a few), and
 * `reportsPerAgency` reports each over the months up to `month`, two versions apiece. Written
 * straight to the collections: seeding is not what is measured.
 *
 * With `fullMonth`, the month shown is the last day of a month in which everyone answered: half
 * the plan concerns every agency and is due that month (as in Lai Châu, where every task
 * concerns every agency), and every agency has answered every task due to it — 50 reports an
 * agency in the month, 50,000 at 1,000 agencies — besides the reports spread over the year.
 */
export interface ProvinceSize {
  agencies: number;
  milestones: number;
  reportsPerAgency: number;
  year: number;
  month: number;
  fullMonth?: boolean;
}

/** A small deterministic generator, so every run measures the same province. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const BATCH = 5000;

async function insertAll(collection: { insertMany(docs: object[], options: object): Promise<unknown> }, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) await collection.insertMany(docs.slice(i, i + BATCH), { ordered: false });
}

export async function seedProvince(size: ProvinceSize): Promise<void> {
  const random = generator(size.agencies);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const now = new Date(Date.UTC(size.year, size.month - 1, 1));
  const agencies = Array.from({ length: size.agencies }, (_, i) => ({
    _id: new Types.ObjectId(),
    code: `CQ${String(i + 1).padStart(5, "0")}`,
    name: `Cơ quan số ${i + 1}`,
    aliases: [],
    nameKeys: [`co quan so ${i + 1}`],
    kind: i % 3 === 0 ? "commune" : "department",
    bloc: `K${(i % 12) + 1}`,
    active: true,
    validFrom: null,
    validUntil: null,
    successor: null,
    createdAt: now,
    updatedAt: now,
  }));
  const plan = { _id: new Types.ObjectId(), identity: `bench-${size.year}`, year: size.year, title: `Kế hoạch công tác thi đua, khen thưởng năm ${size.year}`, status: "active", closedAt: null, createdAt: now, updatedAt: now };
  const milestones = Array.from({ length: size.milestones }, (_, i) => {
    const dueToAll = size.fullMonth ? i < size.milestones / 2 : false;
    const everyone = size.fullMonth ? dueToAll : i % 4 === 0;
    const recurring = i % 5 === 0;
    // Due to all in the month shown: a window of three months around it.
    const start = dueToAll ? Math.max(1, size.month - (i % 3)) : 1 + Math.floor(random() * 12);
    const months = recurring ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [start, start + 1, start + 2].filter((m) => m <= 12);
    return {
      _id: new Types.ObjectId(),
      plan: plan._id,
      key: `${i + 1}`,
      position: i,
      row: String(i + 1),
      text: `Nhiệm vụ số ${i + 1}: tổ chức, hướng dẫn và báo cáo kết quả phong trào thi đua chuyên đề năm ${size.year}`,
      months,
      recurring,
      due: null,
      units: [],
      leadAgencies: everyone ? [] : [pick(agencies)._id, pick(agencies)._id],
      coordinatingAgencies: everyone ? [] : Array.from({ length: 4 }, () => pick(agencies)._id),
      allAgencies: everyone,
      allAgenciesRole: everyone ? "coordinating" : null,
      retiredAt: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  const members = agencies.flatMap((agency, i) =>
    [0, 1].map((n) => ({
      _id: new Types.ObjectId(),
      telegramId: 1_000_000 + i * 2 + n,
      displayName: `Cán bộ ${i * 2 + n + 1}`,
      locale: "vi",
      status: "active",
      roles: [{ role: "focal", agency: agency._id, grantedAt: now }],
      awayUntil: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const reportOf = (milestone: (typeof milestones)[number], agency: (typeof agencies)[number], period: string, status: (typeof PROGRESS_STATUSES)[number]) => {
    const reportedAt = new Date(`${period}-15T03:00:00Z`);
    const version = (v: number) => ({ version: v, status, percent: status === "done" ? 100 : 40, note: `Ghi chú lần ${v}`, attachments: [], reportedBy: null, reportedByTelegramId: null, reportedAt, movedFrom: null, submissionId: null });
    return {
      _id: new Types.ObjectId(),
      plan: plan._id,
      milestone: milestone._id,
      agency: agency._id,
      period,
      status,
      percent: status === "done" ? 100 : 40,
      note: "Đã triển khai tới các phòng, ban; đang tổng hợp kết quả.",
      attachments: [],
      reportedAt,
      version: 2,
      versions: [version(1), version(2)],
      createdAt: reportedAt,
      updatedAt: reportedAt,
    };
  };
  const reports = [];
  const taken = new Set<string>();
  for (const agency of agencies) {
    for (let n = 0; n < size.reportsPerAgency; n++) {
      const milestone = pick(milestones);
      const period = `${size.year}-${String(1 + Math.floor(random() * size.month)).padStart(2, "0")}`;
      const key = `${milestone._id}|${agency._id}|${period}`;
      if (taken.has(key)) continue;
      taken.add(key);
      reports.push(reportOf(milestone, agency, period, pick([...PROGRESS_STATUSES])));
    }
  }
  if (size.fullMonth) {
    // Every agency answers every task due to it in the month shown.
    const period = `${size.year}-${String(size.month).padStart(2, "0")}`;
    const due = milestones.filter((milestone) => milestone.months.includes(size.month));
    for (const agency of agencies) {
      for (const milestone of due) {
        if (!milestone.allAgencies && ![...milestone.leadAgencies, ...milestone.coordinatingAgencies].some((id) => id.equals(agency._id))) continue;
        const key = `${milestone._id}|${agency._id}|${period}`;
        if (taken.has(key)) continue;
        taken.add(key);
        reports.push(reportOf(milestone, agency, period, pick([...PROGRESS_STATUSES])));
      }
    }
  }
  await insertAll(AgencyModel.collection, agencies);
  await PlanModel.collection.insertOne(plan);
  await insertAll(MilestoneModel.collection, milestones);
  await insertAll(MemberModel.collection, members);
  await insertAll(ProgressReportModel.collection, reports);
  await ensureAnswerSheets();
  // dondoc in use since January: each month's push ran.
  await insertAll(
    JobRunModel.collection,
    Array.from({ length: size.month }, (_, i) => {
      const period = `${size.year}-${String(i + 1).padStart(2, "0")}`;
      return { key: `monthly-push:${period}`, job: "monthly-push", asOf: new Date(`${period}-01T01:00:00Z`), startedAt: new Date(`${period}-01T01:00:00Z`), finishedAt: new Date(`${period}-01T01:00:05Z`), enqueued: 0 };
    }),
  );
}

// `tsx bench/province-fixture.ts URI AGENCIES YEAR MONTH [full-month]`: seeds in a process of its
// own, so the bench's memory figures are the bot's and not the fixture's.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [uri, agencies, year, month, shape] = process.argv.slice(2);
  const mongoose = (await import("mongoose")).default;
  await mongoose.connect(uri!);
  await seedProvince({ agencies: Number(agencies), milestones: 100, reportsPerAgency: 50, year: Number(year), month: Number(month), fullMonth: shape === "full-month" });
  await mongoose.disconnect();
}
