import type { Schema } from "mongoose";
import { SettingModel } from "./setting.ts";

/**
 * A number every write to members raises (models/member.ts's hooks), so that each instance
 * knows when what it keeps of members (src/services/members.ts) may be stale; listeners in this
 * process hear of a write at once.
 */
const GENERATION_KEY = "members-generation";
const listeners = new Set<() => void>();

export function onMembersWritten(listener: () => void): void {
  listeners.add(listener);
}

export async function readMembersGeneration(): Promise<number> {
  const setting = await SettingModel.findOne({ key: GENERATION_KEY }, { value: 1, _id: 0 }).lean();
  return Number(setting?.value ?? 0);
}

async function raiseMembersGeneration(): Promise<void> {
  for (const listener of listeners) listener();
  await SettingModel.updateOne({ key: GENERATION_KEY }, { $inc: { value: 1 } }, { upsert: true });
}

type WriteResult = { modifiedCount?: number; upsertedCount?: number; deletedCount?: number } | null | undefined;

/** Raises the generation after every write to the schema's documents that changed something. */
export function raiseGenerationOnWrites(schema: Schema): void {
  schema.post("save", raiseMembersGeneration);
  schema.post("insertMany", raiseMembersGeneration);
  schema.post(["findOneAndUpdate", "findOneAndDelete", "findOneAndReplace"], async (document: unknown) => {
    if (document) await raiseMembersGeneration();
  });
  schema.post(["updateOne", "updateMany", "replaceOne", "deleteOne", "deleteMany"], { query: true, document: false }, async (result: WriteResult) => {
    if (result && (result.modifiedCount || result.upsertedCount || result.deletedCount)) await raiseMembersGeneration();
  });
}
