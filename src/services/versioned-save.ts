import type { Model } from "mongoose";

/**
 * Saves a new version of a document that keeps its history: the latest values on top, every
 * version in `versions`. Two submissions at once never overwrite each other: the update only
 * applies to the version it read, and a clash goes round again.
 */
export async function saveNewVersion<T>(
  model: Model<T>,
  key: Record<string, unknown>,
  build: (version: number) => { latest: Record<string, unknown>; entry: Record<string, unknown>; onCreate?: Record<string, unknown> },
  submissionId: string | null = null,
): Promise<{ id: string; version: number; repeated: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await model.findOne(key).lean()) as { _id?: unknown; version?: number; versions?: { version: number; submissionId?: string | null }[] } | null;
    // The same confirmation again (a restart replayed it, a double press): the version it made.
    const earlier = submissionId ? current?.versions?.find((v) => v.submissionId === submissionId) : undefined;
    if (earlier) return { id: String(current!._id), version: earlier.version, repeated: true };
    const version = (current?.version ?? 0) + 1;
    const { latest, entry, onCreate } = build(version);
    try {
      if (!current) {
        const created = await new model({ ...key, ...onCreate, ...latest, version, versions: [{ version, ...entry, submissionId }] }).save();
        return { id: String(created._id), version, repeated: false };
      }
      const updated = await model
        .findOneAndUpdate({ ...key, version: current.version }, { $set: { ...latest, version }, $push: { versions: { version, ...entry, submissionId } } }, { returnDocument: "after" })
        .lean();
      if (updated) return { id: String((updated as { _id: unknown })._id), version, repeated: false };
    } catch (error) {
      // Two first versions at once: the unique index refused one; go round and add to it.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  throw new Error("the record kept changing while saving; please try again");
}
