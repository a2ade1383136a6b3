import { readFileSync } from "node:fs";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel, type Role } from "../../models/member.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { translatorFor } from "../../src/i18n.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { toPlanJson } from "../../src/plan/plan-json.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { importPlan } from "../../src/services/import-plan.ts";
import { readLaiChauPlan, repoPath } from "./sample-files.ts";

/** The Lai Châu directory and 2018 plan, loaded as the secretariat would. */
export async function loadLaiChau(): Promise<{ planId: string }> {
  const read = readAgencyCsv(readFileSync(repoPath("data/agencies/lai-chau.csv"), "utf8"));
  if (!("rows" in read)) throw new Error("agency CSV does not read");
  await importAgencies(read.rows, { via: "cli" }, new Date());
  const text = readLaiChauPlan();
  const plan = parsePlan(text);
  const result = await importPlan(plan, { text, warnings: toPlanJson(plan, translatorFor("vi")).warnings }, { via: "cli" }, new Date());
  return { planId: result.planId };
}

export async function agencyId(code: string): Promise<string> {
  const agency = await AgencyModel.findOne({ code }).lean();
  if (!agency) throw new Error(`no agency ${code}`);
  return String(agency._id);
}

/** A registered member, as an invite would have made them. */
export async function addMember(telegramId: number, name: string, role: Role, agencyCode?: string, locale: "vi" | "en" = "vi") {
  const agency = agencyCode ? await agencyId(agencyCode) : null;
  return MemberModel.create({
    telegramId,
    displayName: name,
    locale,
    roles: [{ role, agency, grantedAt: new Date("2018-01-15T00:00:00Z"), grantedBy: "test" }],
  });
}
