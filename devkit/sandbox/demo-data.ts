import { existsSync, readFileSync } from "node:fs";
import { zaloChatFor } from "../../src/zalo/zalo-chats.ts";
import { numberForZaloId } from "../../src/chat-networks.ts";
import { fileURLToPath } from "node:url";
import { MemberModel, type Role } from "../../models/member.ts";
import { AgencyModel } from "../../models/agency.ts";
import { readAgencyCsv } from "../../src/agencies/agency-csv.ts";
import { translatorFor } from "../../src/i18n.ts";
import { parsePlan } from "../../src/plan/parse-plan.ts";
import { toPlanJson } from "../../src/plan/plan-json.ts";
import { ensureAwardCatalogue } from "../../src/services/ensure-award-catalogue.ts";
import { importAgencies } from "../../src/services/import-agencies.ts";
import { importPlan } from "../../src/services/import-plan.ts";
import { bindSecretariatChat } from "../../src/services/secretariat-chat.ts";

/**
 * What the sandbox plays: Lai Châu's 2018 plan with its directory of the time, or the 2026
 * sample shaped after the 2025 reorganisation (merged departments, communes and wards instead
 * of districts). The people are the same: focal officers, the secretariat in private and in
 * its group, and a leader.
 */
export interface Persona {
  key: string;
  name: string;
  role: Role | "group";
  userId: number;
  chatId: number;
  agencyCode?: string;
  /** Set for a person who uses Zalo: their Zalo id; their chat is drawn as Zalo shows it, without buttons. */
  zaloId?: string;
}

/** The sandbox's Zalo user: a focal officer who has never installed Telegram. */
export const ZALO_PERSONA_ID = "7a6b5c4d3e2f10a9b8c7";

export const SECRETARIAT_GROUP_ID = -1001000000099;
const SECRETARY_ID = 100010;
const REPO = fileURLToPath(new URL("../../", import.meta.url));

export interface SandboxSample {
  key: "2018" | "2026";
  directory: string;
  plan: () => { text: string; source: string };
  /** Where the sandbox's clock starts: the first working morning of March. */
  start: string;
  /** The clock panel's quick buttons: the month's push and its two reminders, as scheduled. */
  panel: { push: string; remind: string; remind20: string; custom: string };
  personas: Persona[];
}

function personas(local: { agency3: [string, string]; agency4: [string, string] }): Persona[] {
  return [
    { key: "snv", name: "Nguyễn Thị Lan — Sở Nội vụ", role: "focal", userId: 100001, chatId: 100001, agencyCode: "SNV" },
    { key: "ubnd", name: "Trần Văn Hùng — UBND tỉnh", role: "focal", userId: 100002, chatId: 100002, agencyCode: "UBND" },
    { key: "bao", name: `Lò Thị Mai — ${local.agency3[1]}`, role: "focal", userId: 100003, chatId: 100003, agencyCode: local.agency3[0] },
    { key: "tamduong", name: `Vàng A Páo — ${local.agency4[1]}`, role: "focal", userId: 100004, chatId: 100004, agencyCode: local.agency4[0] },
    { key: "secretary", name: "Phạm Thu Hà — Ban TĐKT", role: "secretariat", userId: SECRETARY_ID, chatId: SECRETARY_ID },
    { key: "group", name: "Nhóm Ban Thi đua – Khen thưởng", role: "group", userId: SECRETARY_ID, chatId: SECRETARIAT_GROUP_ID },
    { key: "leader", name: "Lê Văn Minh — Phó Chủ tịch UBND tỉnh", role: "leader", userId: 100020, chatId: 100020 },
    { key: "zalo", name: "Đỗ Thị Hoa — Sở Tài chính (Zalo)", role: "focal", userId: numberForZaloId(ZALO_PERSONA_ID), chatId: numberForZaloId(ZALO_PERSONA_ID), agencyCode: "STC", zaloId: ZALO_PERSONA_ID },
  ];
}

/** The Lai Châu plan: the shared original beside the repo when there is one, else the repo's copy. */
export function laiChauPlanText(): { text: string; source: string } {
  const shared = `${REPO}../shared/plans/lai-chau-2018.txt`;
  const source = existsSync(shared) ? shared : `${REPO}data/samples/lai-chau-2018.txt`;
  return { text: readFileSync(source, "utf8"), source };
}

export const SANDBOX_SAMPLES: Record<SandboxSample["key"], SandboxSample> = {
  "2018": {
    key: "2018",
    directory: "data/agencies/lai-chau.csv",
    plan: laiChauPlanText,
    start: "2018-03-01T08:00:00+07:00",
    panel: { push: "2018-03-01T08:00:00", remind: "2018-03-12T08:30:00", remind20: "2018-03-20T08:30:00", custom: "2018-04-02T08:00" },
    personas: personas({ agency3: ["BAOLC", "Báo Lai Châu"], agency4: ["TAMDUONG", "huyện Tam Đường"] }),
  },
  "2026": {
    key: "2026",
    directory: "data/agencies/lai-chau-2026-sample.csv",
    plan: () => {
      const source = `${REPO}data/samples/lai-chau-2026-sample.txt`;
      return { text: readFileSync(source, "utf8"), source };
    },
    start: "2026-03-02T08:00:00+07:00",
    panel: { push: "2026-03-02T08:00:00", remind: "2026-03-10T08:30:00", remind20: "2026-03-20T08:30:00", custom: "2026-04-01T08:00" },
    personas: personas({ agency3: ["BAOPTTH", "Báo và PT-TH Lai Châu"], agency4: ["XTAMDUONG", "xã Tam Đường"] }),
  },
};

export async function seedDemo(sample: SandboxSample, now: Date): Promise<{ planSource: string; tasks: number }> {
  const read = readAgencyCsv(readFileSync(`${REPO}${sample.directory}`, "utf8"));
  if (!("rows" in read)) throw new Error(`the agency list ${sample.directory} does not read`);
  await importAgencies(read.rows, { via: "cli", name: "sandbox" }, now);
  await ensureAwardCatalogue(now);
  const { text, source } = sample.plan();
  const plan = parsePlan(text);
  const imported = await importPlan(plan, { text, warnings: toPlanJson(plan, translatorFor("vi")).warnings }, { via: "cli", name: "sandbox" }, now);
  for (const persona of sample.personas.filter((p) => p.role !== "group")) {
    const agency = persona.agencyCode ? await AgencyModel.findOne({ code: persona.agencyCode }).lean() : null;
    await MemberModel.updateOne(
      { telegramId: persona.userId },
      { $setOnInsert: { telegramId: persona.userId, displayName: persona.name.split(" — ")[0], locale: "vi", roles: [{ role: persona.role, agency: agency?._id ?? null, grantedAt: now, grantedBy: "sandbox" }] } },
      { upsert: true },
    );
  }
  for (const persona of sample.personas.filter((p) => p.zaloId)) await zaloChatFor(persona.zaloId!, persona.name.split(" — ")[0]!);
  await bindSecretariatChat(SECRETARIAT_GROUP_ID, SECRETARY_ID);
  return { planSource: source, tasks: imported.milestones.total };
}
