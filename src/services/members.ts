import type { Types } from "mongoose";
import { MemberModel, type Role } from "../../models/member.ts";
import { KeptWhileUnchanged } from "./kept-while-unchanged.ts";

/** Who the bot knows, and what each may do. */
export type MemberRecord = NonNullable<Awaited<ReturnType<typeof lookUpMember>>>;

async function lookUpMember(chatId: number) {
  // One query for both: the chat they joined from, or the one they linked.
  const found = await MemberModel.find({ $or: [{ telegramId: chatId }, { linkedChatId: chatId }] }).limit(2).lean();
  return found.find((member) => member.telegramId === chatId) ?? found[0] ?? null;
}

/**
 * Members are read on every update and change rarely: found ones are kept while members are
 * unchanged. Strangers are not kept: one who joins on another instance is a member at their
 * next message.
 */
const keptMembers = new KeptWhileUnchanged<MemberRecord | null>(["members"]);

/** The member behind a chat: the one they joined from, or the one they linked on the other network. */
export async function findMember(chatId: number): Promise<MemberRecord | null> {
  return keptMembers.get(String(chatId), () => lookUpMember(chatId), (member) => member !== null);
}

/** Where dondoc writes to a member unasked: the chat they chose (/nhantinday). */
export function deliveryChatOf(member: { telegramId: number; linkedChatId?: number | null; writeToLinked?: boolean | null }): number {
  return member.writeToLinked && member.linkedChatId ? member.linkedChatId : member.telegramId;
}

export function hasRole(member: { roles: { role: string }[]; status: string } | null | undefined, role: Role): boolean {
  return !!member && member.status !== "revoked" && member.roles.some((grant) => grant.role === role);
}

/** The agency a focal officer answers for. */
export function focalAgencyOf(member: { roles: { role: string; agency?: Types.ObjectId | null }[] } | null | undefined): string | null {
  const grant = member?.roles.find((g) => g.role === "focal" && g.agency);
  return grant?.agency ? String(grant.agency) : null;
}

/** Whether a member said they are away on `today` (a local date). */
export function isAway(member: { awayUntil?: string | null }, today: string): boolean {
  return !!member.awayUntil && member.awayUntil >= today;
}

/**
 * Focal officers who can be reached, by agency id. Given `today`, officers away that day are
 * left out; an agency whose officers are all away is listed in `allAway`, with the day the
 * first of them is back, so the secretariat can be told.
 */
export async function focalOfficersByAgency(today?: string): Promise<Map<string, MemberRecord[]>> {
  return (await reachableOfficers(today)).officers;
}

export async function reachableOfficers(today?: string): Promise<{ officers: Map<string, MemberRecord[]>; allAway: Map<string, { until: string; officers: MemberRecord[] }> }> {
  const members = await MemberModel.find({ status: "active", "roles.role": "focal" }).lean();
  const byAgency = new Map<string, MemberRecord[]>();
  for (const member of members) {
    const agency = focalAgencyOf(member);
    if (!agency) continue;
    const list = byAgency.get(agency);
    if (list) list.push(member);
    else byAgency.set(agency, [member]);
  }
  const allAway = new Map<string, { until: string; officers: MemberRecord[] }>();
  if (today === undefined) return { officers: byAgency, allAway };
  for (const [agency, officers] of byAgency) {
    const present = officers.filter((officer) => !isAway(officer, today));
    if (present.length > 0) byAgency.set(agency, present);
    else {
      byAgency.set(agency, []);
      allAway.set(agency, { until: officers.map((officer) => officer.awayUntil!).sort()[0]!, officers });
    }
  }
  return { officers: byAgency, allAway };
}

export async function membersWithRole(role: Role): Promise<MemberRecord[]> {
  return MemberModel.find({ status: "active", "roles.role": role }).lean();
}
