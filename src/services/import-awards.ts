import { AwardTypeModel } from "../../models/award-type.ts";
import type { AwardRow } from "../awards/award-csv.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { saveByKey } from "./save-by-key.ts";

export interface AwardImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Loads the award catalogue by code; award types missing from the file are left as they are. */
export async function importAwards(rows: AwardRow[], actor: Actor, now: Date): Promise<AwardImportResult> {
  const result: AwardImportResult = { created: 0, updated: 0, unchanged: 0 };
  for (const { code, ...fields } of rows) result[await saveByKey(AwardTypeModel, { code }, fields)]++;
  if (result.created + result.updated > 0) await recordAudit(actor, "awards.imported", { kind: "award-type" }, { ...result }, now);
  return result;
}
