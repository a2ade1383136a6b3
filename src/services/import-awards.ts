import { AwardTypeModel } from "../../models/award-type.ts";
import type { AwardRow } from "../awards/award-csv.ts";
import { recordAudit, type Actor } from "./audit.ts";

export interface AwardImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Loads the award catalogue by code; award types missing from the file are left as they are. */
export async function importAwards(rows: AwardRow[], actor: Actor): Promise<AwardImportResult> {
  const result: AwardImportResult = { created: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const existing = await AwardTypeModel.findOne({ code: row.code });
    if (!existing) {
      await AwardTypeModel.create(row);
      result.created++;
      continue;
    }
    existing.set(row);
    if (existing.isModified()) {
      await existing.save();
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  if (result.created + result.updated > 0) await recordAudit(actor, "awards.imported", { kind: "award-type" }, { ...result });
  return result;
}
