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
  const fieldsOf = (row: AgencyRow) => ({ name: row.name, kind: row.kind, bloc: row.bloc?.code ?? null, aliases: row.aliases, ...(row.validFrom ? { validFrom: row.validFrom } : {}) });
  // The agencies already there, read at once: a directory of thousands is a few queries, not thousands.
  const existing = new Map((await AgencyModel.find({ code: { $in: rows.map((row) => row.code) } })).map((agency) => [agency.code, agency]));
  const fresh: AgencyRow[] = [];
  const changed = [];
  for (const row of rows) {
    const agency = existing.get(row.code);
    if (!agency) {
      fresh.push(row);
      continue;
    }
    agency.set({ ...fieldsOf(row), aliases: [...new Set([...agency.aliases, ...row.aliases])] });
    if (agency.isModified()) changed.push(agency);
    else result.unchanged++;
  }
  // Validated and saved together, hooks and all, as save() would one by one.
  if (changed.length > 0) await AgencyModel.bulkSave(changed);
  result.updated += changed.length;
  try {
    await AgencyModel.insertMany(fresh.map((row) => ({ code: row.code, ...fieldsOf(row) })));
    result.created += fresh.length;
  } catch (error) {
    // Another instance created some of them meanwhile (two starting at once): one by one, as they stand now.
    if ((error as { code?: number }).code !== 11000) throw error;
    for (const row of fresh) {
      result[await saveByKey(AgencyModel, { code: row.code }, fieldsOf(row), (stored) => ({ aliases: [...new Set([...(stored.aliases as string[]), ...row.aliases])] }))]++;
    }
  }
  // Then the changes the file records: merges into successors, and agencies that ended.
  for (const row of rows.filter((row) => row.successor || row.validUntil)) {
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
