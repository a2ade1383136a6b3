import type { Types } from "mongoose";
import { MemberModel, type Role } from "../../models/member.ts";

/** Who the bot knows, and what each may do. */
export type MemberRecord = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export async function findMember(telegramId: number) {
  return MemberModel.findOne({ telegramId }).lean();
}

export function hasRole(member: { roles: { role: string }[]; status: string } | null | undefined, role: Role): boolean {
  return !!member && member.status !== "revoked" && member.roles.some((grant) => grant.role === role);
}

/** The agency a focal officer answers for. */
export function focalAgencyOf(member: { roles: { role: string; agency?: Types.ObjectId | null }[] } | null | undefined): string | null {
  const grant = member?.roles.find((g) => g.role === "focal" && g.agency);
  return grant?.agency ? String(grant.agency) : null;
}

/** Focal officers who can be reached, by agency id. */
export async function focalOfficersByAgency(): Promise<Map<string, MemberRecord[]>> {
  const members = await MemberModel.find({ status: "active", "roles.role": "focal" }).lean();
  const byAgency = new Map<string, MemberRecord[]>();
  for (const member of members) {
    const agency = focalAgencyOf(member);
    if (agency) byAgency.set(agency, [...(byAgency.get(agency) ?? []), member]);
  }
  return byAgency;
}

export async function membersWithRole(role: Role): Promise<MemberRecord[]> {
  return MemberModel.find({ status: "active", "roles.role": role }).lean();
}
