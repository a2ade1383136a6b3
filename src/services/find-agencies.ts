import { AgencyModel } from "../../models/agency.ts";
import { nameKey } from "../agencies/name-key.ts";
import type { AgencyView } from "../followup/milestone-view.ts";

/** Agencies whose code is the query, or whose name or alias contains it. */
export async function findAgencies(query: string): Promise<AgencyView[]> {
  const key = nameKey(query);
  if (!key) return [];
  const agencies = await AgencyModel.find({ active: true }).lean();
  const exact = agencies.filter((agency) => agency.code === query.trim().toUpperCase() || agency.nameKeys.includes(key));
  const found = exact.length > 0 ? exact : agencies.filter((agency) => agency.nameKeys.some((name) => name.includes(key)));
  return found.map((agency) => ({ id: String(agency._id), code: agency.code, name: agency.name, bloc: agency.bloc ?? null }));
}
