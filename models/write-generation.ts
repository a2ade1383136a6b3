import { Schema, model } from "mongoose";

/**
 * Per collection that changes rarely (members, agencies, plans, milestones, settings), a number
 * every write to it raises. What an instance keeps in memory of such a collection is checked
 * against it (src/services/kept-while-unchanged.ts): a write on another instance is seen at the
 * next check; one in this process is heard at once.
 */
const writeGenerationSchema = new Schema({ _id: { type: String, required: true }, value: { type: Number, default: 0 } }, { versionKey: false });

export const WriteGenerationModel = model("WriteGeneration", writeGenerationSchema);

const listeners = new Map<string, Set<() => void>>();

export function onWritten(collection: string, listener: () => void): void {
  const set = listeners.get(collection) ?? new Set();
  set.add(listener);
  listeners.set(collection, set);
}

/** Every collection's generation, in one read. */
export async function readGenerations(): Promise<Map<string, number>> {
  const rows = await WriteGenerationModel.find({}).lean();
  return new Map(rows.map((row) => [row._id, row.value ?? 0]));
}

async function raise(collection: string): Promise<void> {
  for (const listener of listeners.get(collection) ?? []) listener();
  await WriteGenerationModel.updateOne({ _id: collection }, { $inc: { value: 1 } }, { upsert: true });
}

type WriteResult = { modifiedCount?: number; upsertedCount?: number; deletedCount?: number } | null | undefined;

/** Raises `collection`'s generation after every write through the schema's model that changed something. */
export function raiseGenerationOnWrites(schema: Schema, collection: string): void {
  schema.post("save", () => raise(collection));
  schema.post("insertMany", () => raise(collection));
  schema.post(["findOneAndUpdate", "findOneAndDelete", "findOneAndReplace"], async (document: unknown) => {
    if (document) await raise(collection);
  });
  schema.post(["updateOne", "updateMany", "replaceOne", "deleteOne", "deleteMany"], { query: true, document: false }, async (result: WriteResult) => {
    if (result && (result.modifiedCount || result.upsertedCount || result.deletedCount)) await raise(collection);
  });
  schema.post("bulkWrite", () => raise(collection));
}
