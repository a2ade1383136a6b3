import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import { MilestoneModel } from "../../models/milestone.ts";
import { PlanModel } from "../../models/plan.ts";
import { isAgencyKind } from "../agencies/agency-kinds.ts";
import { requireCleanName } from "../text/clean-text.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { hasRole } from "./members.ts";

/** The secretariat's edits to the directory and the member list, from chat. */
export class DirectoryError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

/** Adds an agency; returns what was stored (the name cleaned and normalised). */
export async function addAgency(input: { code: string; name: string; kind: string }, actor: Actor, now: Date): Promise<{ code: string; name: string }> {
  const code = input.code.trim().normalize("NFC").toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]*$/.test(code) || !input.name.trim()) throw new DirectoryError("agency-add-usage");
  const name = requireCleanName(input.name);
  const kind = input.kind.trim();
  if (!isAgencyKind(kind)) throw new DirectoryError("agency-kind-unknown", { kind: input.kind });
  if (await AgencyModel.exists({ code })) throw new DirectoryError("agency-exists", { code });
  await AgencyModel.create({ code, name, kind });
  await recordAudit(actor, "agency.added", { kind: "agency", id: code }, { name }, now);
  return { code, name };
}

/** Adds a name plans use for an agency; returns the agency's name and the alias as stored. */
export async function addAlias(code: string, alias: string, actor: Actor, now: Date): Promise<{ name: string; alias: string }> {
  const agency = await AgencyModel.findOne({ code: code.trim().toUpperCase() });
  if (!agency || !alias.trim()) throw new DirectoryError(agency ? "agency-alias-usage" : "agency-unknown", { code });
  const cleaned = requireCleanName(alias);
  agency.set({ aliases: [...agency.aliases, cleaned] });
  await agency.save();
  await recordAudit(actor, "agency.alias-added", { kind: "agency", id: agency.code }, { alias: cleaned }, now);
  return { name: agency.name, alias: cleaned };
}

/** Unit names in active plans that resolved to no agency. */
export async function unmatchedPlanUnits(): Promise<string[]> {
  const plans = await PlanModel.find({ status: "active" }).select({ _id: 1 }).lean();
  const milestones = await MilestoneModel.find({ plan: { $in: plans.map((p) => p._id) }, retiredAt: null }).lean();
  return [...new Set(milestones.flatMap((m) => m.units.filter((u) => u.agencies.length === 0).map((u) => u.name)))];
}

/**
 * Takes a member's access away. Only an administrator removes an administrator, and the last
 * administrator never goes: someone must always be able to manage the bot from chat.
 */
export async function revokeMember(telegramId: number, actor: Actor, now: Date): Promise<string> {
  const member = await MemberModel.findOne({ telegramId });
  if (!member) throw new DirectoryError("member-unknown", { id: String(telegramId) });
  if (member.telegramId === actor.telegramId) throw new DirectoryError("member-not-yourself");
  const isAdmin = hasRole(member, "admin");
  if (isAdmin) {
    const by = actor.telegramId ? await MemberModel.findOne({ telegramId: actor.telegramId }).lean() : null;
    if (actor.via === "chat" && !hasRole(by, "admin")) throw new DirectoryError("member-admin-by-admin");
    if ((await activeAdminCount()) <= 1) throw new DirectoryError("member-last-admin");
  }
  const before = { status: member.status, statusChangedAt: member.statusChangedAt };
  member.set({ status: "revoked", statusChangedAt: now });
  await member.save();
  // Two administrators removing each other at the same moment: neither goes.
  if (isAdmin && (await activeAdminCount()) === 0) {
    await MemberModel.updateOne({ _id: member._id }, { $set: before });
    throw new DirectoryError("member-last-admin");
  }
  await recordAudit(actor, "member.revoked", { kind: "member", id: String(telegramId) }, { roles: member.roles.map((r) => r.role) }, now);
  return member.displayName;
}

function activeAdminCount(): Promise<number> {
  return MemberModel.countDocuments({ "roles.role": "admin", status: { $ne: "revoked" } });
}
