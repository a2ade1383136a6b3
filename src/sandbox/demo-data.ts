import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MemberModel, type Role } from "../../models/member.ts";
import { AgencyModel } from "../../models/agency.ts";
import { readAgencyCsv } from "../agencies/agency-csv.ts";
import { translatorFor } from "../i18n.ts";
import { parsePlan } from "../plan/parse-plan.ts";
import { toPlanJson } from "../plan/plan-json.ts";
import { ensureAwardCatalogue } from "../services/ensure-award-catalogue.ts";
import { importAgencies } from "../services/import-agencies.ts";
import { importPlan } from "../services/import-plan.ts";
import { bindSecretariatChat } from "../services/secretariat-chat.ts";

/**
 * The people of the sandbox and what it starts with: Lai Châu's agencies and 2018 plan, a few
 * focal officers, the secretariat (in private and in its group) and a leader.
 */
export interface Persona {
  key: string;
  name: string;
  role: Role | "group";
  userId: number;
  chatId: number;
  agencyCode?: string;
}

export const SECRETARIAT_GROUP_ID = -1001000000099;
const SECRETARY_ID = 100010;

export const PERSONAS: Persona[] = [
  { key: "snv", name: "Nguyễn Thị Lan — Sở Nội vụ", role: "focal", userId: 100001, chatId: 100001, agencyCode: "SNV" },
  { key: "ubnd", name: "Trần Văn Hùng — UBND tỉnh", role: "focal", userId: 100002, chatId: 100002, agencyCode: "UBND" },
  { key: "bao", name: "Lò Thị Mai — Báo Lai Châu", role: "focal", userId: 100003, chatId: 100003, agencyCode: "BAOLC" },
  { key: "tamduong", name: "Vàng A Páo — huyện Tam Đường", role: "focal", userId: 100004, chatId: 100004, agencyCode: "TAMDUONG" },
  { key: "secretary", name: "Phạm Thu Hà — Ban TĐKT", role: "secretariat", userId: SECRETARY_ID, chatId: SECRETARY_ID },
  { key: "group", name: "Nhóm Ban Thi đua – Khen thưởng", role: "group", userId: SECRETARY_ID, chatId: SECRETARIAT_GROUP_ID },
  { key: "leader", name: "Lê Văn Minh — Phó Chủ tịch UBND tỉnh", role: "leader", userId: 100020, chatId: 100020 },
];

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** The Lai Châu plan: the shared original beside the repo when there is one, else the repo's copy. */
export function laiChauPlanText(): { text: string; source: string } {
  const shared = `${REPO}../shared/plans/lai-chau-2018.txt`;
  const source = existsSync(shared) ? shared : `${REPO}data/samples/lai-chau-2018.txt`;
  return { text: readFileSync(source, "utf8"), source };
}

export async function seedDemo(now: Date): Promise<{ planSource: string; tasks: number }> {
  const read = readAgencyCsv(readFileSync(`${REPO}data/agencies/lai-chau.csv`, "utf8"));
  if (!("rows" in read)) throw new Error("the Lai Châu agency list does not read");
  await importAgencies(read.rows, { via: "cli", name: "sandbox" });
  await ensureAwardCatalogue();
  const { text, source } = laiChauPlanText();
  const plan = parsePlan(text);
  const imported = await importPlan(plan, { text, warnings: toPlanJson(plan, translatorFor("vi")).warnings }, { via: "cli", name: "sandbox" });
  for (const persona of PERSONAS.filter((p) => p.role !== "group")) {
    const agency = persona.agencyCode ? await AgencyModel.findOne({ code: persona.agencyCode }).lean() : null;
    await MemberModel.updateOne(
      { telegramId: persona.userId },
      { $setOnInsert: { telegramId: persona.userId, displayName: persona.name.split(" — ")[0], locale: "vi", roles: [{ role: persona.role, agency: agency?._id ?? null, grantedAt: now, grantedBy: "sandbox" }] } },
      { upsert: true },
    );
  }
  await bindSecretariatChat(SECRETARIAT_GROUP_ID, SECRETARY_ID);
  return { planSource: source, tasks: imported.milestones.total };
}
