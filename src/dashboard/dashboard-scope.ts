/**
 * What a person may see on the dashboard, decided from their roles on every request: leaders,
 * the secretariat and administrators the whole province; a focal officer their own agency and
 * nothing else; anyone else (no role, revoked) nothing.
 */
export type DashboardScope = { kind: "province" } | { kind: "agency"; agencyId: string };

export type DashboardRole = "leader" | "secretariat" | "admin" | "focal";

interface MemberRoles {
  status: string;
  roles: { role: string; agency?: { toString(): string } | null }[];
}

const PROVINCE_ROLES: DashboardRole[] = ["admin", "secretariat", "leader"];

export function dashboardRoleOf(member: MemberRoles | null | undefined): DashboardRole | null {
  if (!member || member.status === "revoked") return null;
  const held = new Set(member.roles.map((grant) => grant.role));
  const province = PROVINCE_ROLES.find((role) => held.has(role));
  if (province) return province;
  return member.roles.some((grant) => grant.role === "focal" && grant.agency) ? "focal" : null;
}

export function scopeOf(member: MemberRoles | null | undefined): DashboardScope | null {
  const role = dashboardRoleOf(member);
  if (!role) return null;
  if (role !== "focal") return { kind: "province" };
  const grant = member!.roles.find((g) => g.role === "focal" && g.agency);
  return { kind: "agency", agencyId: String(grant!.agency) };
}

export function mayRead(scope: DashboardScope, agencyId: string): boolean {
  return scope.kind === "province" || scope.agencyId === agencyId;
}

/** The Excel export lists every agency: for those who see the province. */
export const mayExport = (scope: DashboardScope) => scope.kind === "province";
