import { AgencyModel } from "../../models/agency.ts";
import { EmulationBlocModel } from "../../models/emulation-bloc.ts";
import type { AgencyRow } from "../agencies/agency-csv.ts";
import { localDate } from "../time/calendar.ts";
import { addDays } from "../time/local-dates.ts";
import { mergeAgency, retireAgency } from "./agency-changes.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { saveByKey } from "./save-by-key.ts";

export interface AgencyImportResult {
  blocs: number;
  created: number;
  updated: number;
  unchanged: number;
  merged: number;
  retired: number;
}

/**
 * Loads the directory: blocs and agencies by code. Aliases are merged, never dropped, so names
 * a secretariat added in chat survive a re-import of the spreadsheet.
 */
export async function importAgencies(rows: AgencyRow[], actor: Actor, now: Date): Promise<AgencyImportResult> {
  const blocs = new Map<string, { name: string; order: number }>();
  for (const row of rows) if (row.bloc && !blocs.has(row.bloc.code)) blocs.set(row.bloc.code, { name: row.bloc.name, order: blocs.size + 1 });
  for (const [code, bloc] of blocs) {
    await EmulationBlocModel.updateOne({ code }, { $set: { name: bloc.name, order: bloc.order } }, { upsert: true });
  }

  const result: AgencyImportResult = { blocs: blocs.size, created: 0, updated: 0, unchanged: 0, merged: 0, retired: 0 };
  for (const row of rows) {
    const fields = { name: row.name, kind: row.kind, bloc: row.bloc?.code ?? null, aliases: row.aliases, ...(row.validFrom ? { validFrom: row.validFrom } : {}) };
    const outcome = await saveByKey(AgencyModel, { code: row.code }, fields, (existing) => ({
      aliases: [...new Set([...(existing.aliases as string[]), ...row.aliases])],
    }));
    result[outcome]++;
  }
  // Then the changes the file records: merges into successors, and agencies that ended.
  for (const row of rows) {
    const current = await AgencyModel.findOne({ code: row.code }).select({ active: 1 }).lean();
    if (row.successor && current?.active) {
      await mergeAgency(row.code, row.successor, row.validUntil ? addDays(row.validUntil, 1) : localDate(now, "Asia/Ho_Chi_Minh"), actor, now);
      result.merged++;
    } else if (!row.successor && row.validUntil && current?.active) {
      await retireAgency(row.code, row.validUntil, actor, now);
      result.retired++;
    }
  }
  if (result.created + result.updated + result.merged + result.retired > 0) await recordAudit(actor, "agencies.imported", { kind: "agency" }, { ...result }, now);
  return result;
}
