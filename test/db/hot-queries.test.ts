import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import * as models from "../../models/index.ts";
import { onEmulator, useTestDatabase } from "../support/test-database.ts";

/**
 * The queries run on every update and every view use an index: their winning plan has no
 * collection scan. Only a real mongod explains a query; on the emulator this is skipped by name.
 */
useTestDatabase();

function stages(plan: unknown): string[] {
  if (!plan || typeof plan !== "object") return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node.stage === "string" ? [node.stage] : [];
  const children = [node.inputStage, ...((node.inputStages as unknown[]) ?? []), node.queryPlan, node.winningPlan].flatMap(stages);
  return [...own, ...children];
}

async function winningStages(query: { explain(verbosity: string): Promise<unknown> }): Promise<string[]> {
  const explained = (await query.explain("queryPlanner")) as { queryPlanner: { winningPlan: unknown } };
  return stages(explained.queryPlanner.winningPlan);
}

describe.skipIf(onEmulator())("hot queries use an index", () => {
  beforeAll(async () => {
    await Promise.all(Object.values(models).map((model) => model.init()));
  });
  const id = new Types.ObjectId();
  const at = new Date("2026-06-10T03:00:00Z");
  const cases: [string, () => { explain(verbosity: string): Promise<unknown> }][] = [
    ["a button press loads one milestone", () => models.MilestoneModel.findOne({ _id: id, retiredAt: null })],
    ["the member behind an update", () => models.MemberModel.findOne({ telegramId: 123 })],
    ["the member behind a linked chat", () => models.MemberModel.findOne({ linkedChatId: 123 })],
    ["a month's answers (/tinhhinh, /chuabaocao, push, reminders)", () => models.ProgressReportModel.find({ $or: [{ period: "2026-06", milestone: { $in: [id] } }, { period: { $gte: "2026-01", $lt: "2026-06" }, status: "done", milestone: { $in: [id] } }] })],
    ["a month's answers on tasks for every agency, summed (/tinhhinh, /chuabaocao, the digest)", () => models.ProgressReportModel.find({ period: "2026-06", milestone: { $in: [id] }, agency: { $in: [id] } })],
    ["one-off work done earlier in the year", () => models.ProgressReportModel.find({ milestone: { $in: [id] }, agency: { $in: [id] }, period: { $gte: "2026-01", $lte: "2026-06" }, $or: [{ period: "2026-06" }, { status: "done" }] })],
    ["the lead agencies' answers on tasks past their window (/quahan)", () => models.ProgressReportModel.find({ period: { $gte: "2026-01", $lte: "2026-06" }, $or: [{ milestone: { $in: [id] } }, { milestone: { $in: [id] }, agency: { $in: [id] } }] })],
    ["the months dondoc was in use", () => models.JobRunModel.find({ $or: [{ key: { $in: ["monthly-push:2026-06"] } }, { key: { $gte: "reminders:2026-05", $lt: "reminders:2026-07" } }] })],
    ["one agency's answers (/tinhhinh CODE, /baocao)", () => models.ProgressReportModel.find({ agency: id, period: { $gte: "2026-01", $lte: "2026-06" } })],
    ["the daily summary's new reports", () => models.ProgressReportModel.find({ "versions.reportedAt": { $gt: at, $lte: at } })],
    ["the daily summary's new nominations", () => models.NominationReportModel.find({ "versions.submittedAt": { $gt: at, $lte: at } })],
    ["the outbox's next messages", () => models.OutboxMessageModel.find({ state: "pending", notBefore: { $lte: at } }).sort({ position: 1 }).limit(50)],
    ["a reply to the push finds its message", () => models.OutboxMessageModel.findOne({ chatId: 123, sentMessageId: 5 })],
    ["a chat's queue of updates", () => models.ChatQueueModel.findOne({ _id: 5 })],
    ["the sweep for chats whose instance died", () => models.ChatQueueModel.find({ waitingSince: { $lte: at }, $or: [{ holder: null }, { until: { $lte: at } }] })],
    ["a Zalo chat by its number", () => models.ZaloChatModel.findOne({ chatId: 5 })],
  ];
  it.each(cases)("%s", async (_name, query) => {
    const plan = await winningStages(query());
    expect(plan).not.toContain("COLLSCAN");
  });
});
