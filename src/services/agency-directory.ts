import { AgencyModel } from "../../models/agency.ts";
import { AgencyDirectory } from "../agencies/resolve-units.ts";

/** The directory for resolving the unit names of a plan: agencies in force, and merged ones leading to their successors. */
export async function loadAgencyDirectory(): Promise<AgencyDirectory> {
  const agencies = await AgencyModel.find().lean();
  return new AgencyDirectory(
    agencies.map((agency) => ({
      id: String(agency._id),
      code: agency.code,
      name: agency.name,
      aliases: agency.aliases,
      kind: agency.kind,
      bloc: agency.bloc ?? null,
      active: agency.active,
      successorId: agency.successor ? String(agency.successor) : null,
    })),
  );
}
