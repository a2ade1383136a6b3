import { AgencyModel } from "../../models/agency.ts";
import { AgencyDirectory } from "../agencies/resolve-units.ts";

/** The active agencies as a directory for resolving the unit names of a plan. */
export async function loadAgencyDirectory(): Promise<AgencyDirectory> {
  const agencies = await AgencyModel.find({ active: true }).lean();
  return new AgencyDirectory(
    agencies.map((agency) => ({
      id: String(agency._id),
      code: agency.code,
      name: agency.name,
      aliases: agency.aliases,
      kind: agency.kind,
    })),
  );
}
