import type { Model } from "mongoose";

export type SaveOutcome = "created" | "updated" | "unchanged";

/**
 * Creates the document `filter` names, or sets `fields` on the one there; saves only when
 * something changed, so schema hooks and validation run and re-imports report honestly.
 * `merge` may combine stored and incoming values (aliases are merged, never dropped).
 */
export async function saveByKey<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  fields: Record<string, unknown>,
  merge: (existing: Record<string, unknown>) => Record<string, unknown> = () => ({}),
  retried = false,
): Promise<SaveOutcome> {
  const existing = await model.findOne(filter);
  if (!existing) {
    try {
      await new model({ ...filter, ...fields }).save();
      return "created";
    } catch (error) {
      // Another instance created it between our look and our insert (two starting at once): update that one.
      if ((error as { code?: number }).code !== 11000 || retried) throw error;
      return saveByKey(model, filter, fields, merge, true);
    }
  }
  existing.set({ ...fields, ...merge(existing.toObject() as Record<string, unknown>) });
  if (!existing.isModified()) return "unchanged";
  await existing.save();
  return "updated";
}
