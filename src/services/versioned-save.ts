import type { Model } from "mongoose";

/**
 * Saves a new version of a document that keeps its history: the latest values on top, every
 * version in `versions`. One write in the common case, the first version or a later one: the
 * database numbers the version itself (the one before plus one), so two submissions at once
 * never overwrite each other. The same submission again (a replay after a crash, a double
 * press) adds nothing and comes back as the version it made.
 *
 * The write goes straight to the driver, after the values are checked as the schema says: it
 * runs at every confirmation, where mongoose's query path (its casting, its hooks) cost as much
 * as the write. So no model hook sees it: what a caller keeps beside the document (a report's
 * answer sheets) it writes itself, from `kept`; the timestamps are stamped here, from `now`.
 */
const literal = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { $literal: value }]));

/**
 * The identity of what a saved version causes once (its audit entry, its line in the group):
 * written with it as key, a replay of the confirmation writes them if they are missing, never twice.
 */
export const versionKey = (kind: string, id: string, version: number): string => `${kind}:${id}:v${version}`;

export interface SavedVersion {
  id: string;
  version: number;
  repeated: boolean;
  /** The fields asked for in `keep`, as the write left them (null when repeated). */
  kept: Record<string, unknown> | null;
}

export async function saveNewVersion<T>(
  model: Model<T>,
  key: Record<string, unknown>,
  build: () => { latest: Record<string, unknown>; entry: Record<string, unknown>; onCreate?: Record<string, unknown> },
  submissionId: string | null,
  now: Date,
  keep: Record<string, 1> = {},
): Promise<SavedVersion> {
  const { latest, entry, onCreate = {} } = build();
  // Checked as the schema says before anything is written: the pipeline below is not.
  await new model({ ...key, ...onCreate, ...latest, version: 1, versions: [{ version: 1, ...entry, submissionId }] }).validate();
  const stamped = model.schema.get("timestamps") ? { createdAt: { $ifNull: ["$createdAt", { $literal: now }] }, updatedAt: { $literal: now } } : {};
  const pipeline = [
    {
      $set: {
        version: { $add: [{ $ifNull: ["$version", 0] }, 1] },
        ...stamped,
        ...Object.fromEntries(Object.entries(onCreate).map(([field, value]) => [field, { $ifNull: [`$${field}`, { $literal: value }] }])),
      },
    },
    {
      $set: {
        // Every value a literal: a note that begins with "$" is text, not a field.
        ...literal(latest),
        versions: { $concatArrays: [{ $ifNull: ["$versions", []] }, [{ $mergeObjects: [{ version: "$version" }, { $literal: { ...entry, submissionId } }] }]] },
      },
    },
  ];
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const saved = await model.collection.findOneAndUpdate({ ...key, ...(submissionId ? { "versions.submissionId": { $ne: submissionId } } : {}) }, pipeline, {
        upsert: true,
        returnDocument: "after",
        projection: { _id: 1, version: 1, ...keep },
      });
      if (saved) return { id: String(saved._id), version: saved.version as number, repeated: false, kept: saved };
    } catch (error) {
      // The document exists and the filter refused it (this submission is in it), or two first versions met: look.
      if ((error as { code?: number }).code !== 11000) throw error;
      const current = (await model.findOne(key, { _id: 1, versions: 1 }).lean()) as { _id: unknown; versions?: { version: number; submissionId?: string | null }[] } | null;
      const earlier = submissionId ? current?.versions?.find((version) => version.submissionId === submissionId) : undefined;
      if (earlier) return { id: String(current!._id), version: earlier.version, repeated: true, kept: null };
    }
  }
  throw new Error("the record kept changing while saving; please try again");
}
