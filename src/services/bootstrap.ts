import { randomBytes } from "node:crypto";
import { InviteModel } from "../../models/invite.ts";
import { MemberModel } from "../../models/member.ts";
import { recordAudit } from "./audit.ts";

/**
 * The first administrator: named in ADMIN_TELEGRAM_IDS (each of them an administrator at every
 * start, whatever happened to them in chat), or, on a database with none, reached through a
 * one-time link printed at start-up. Once an administrator exists no such link is
 * made, and an old one no longer works.
 */
export type AdminAccess = ({ kind: "admin-exists" } | { kind: "bootstrap-invite"; code: string; expiresAt: Date }) & {
  /** The ids of ADMIN_TELEGRAM_IDS made (or made again) administrators by this start. */
  granted: number[];
};

export async function prepareAdminAccess(request: { adminIds: number[]; ttlHours: number; now: Date }): Promise<AdminAccess> {
  const { now } = request;
  const granted: number[] = [];
  for (const telegramId of request.adminIds) {
    const member = await MemberModel.findOne({ telegramId });
    const grant = { role: "admin" as const, agency: null, grantedAt: now, grantedBy: "ADMIN_TELEGRAM_IDS" };
    if (!member) {
      // Two instances starting at once: the other may have made this admin a moment ago.
      const made = await MemberModel.create({ telegramId, displayName: `Admin ${telegramId}`, roles: [grant] }).catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
        return null;
      });
      if (!made) continue;
    } else if (!member.roles.some((g) => g.role === "admin") || member.status === "revoked") {
      // Named by the operator: an administrator again, also after someone revoked them.
      const kept = member.roles.filter((g) => g.role !== "admin");
      member.set({ roles: [...kept, grant], status: "active", statusChangedAt: now });
      await member.save();
    } else continue;
    granted.push(telegramId);
    await recordAudit({ via: "job", name: "start-up" }, "member.role-granted", { kind: "member", id: String(telegramId) }, { role: "admin", by: "ADMIN_TELEGRAM_IDS" }, now);
  }

  if (await MemberModel.exists({ "roles.role": "admin", status: { $ne: "revoked" } })) {
    await InviteModel.updateMany({ bootstrap: true, usedAt: null, revokedAt: null }, { $set: { revokedAt: now } });
    return { kind: "admin-exists", granted };
  }
  const open = await InviteModel.findOne({ bootstrap: true, usedAt: null, revokedAt: null, expiresAt: { $gt: now } }).lean();
  if (open) return { kind: "bootstrap-invite", code: open.code, expiresAt: open.expiresAt, granted };
  const code = randomBytes(12).toString("base64url");
  const expiresAt = new Date(now.getTime() + request.ttlHours * 3_600_000);
  const invite = await InviteModel.create({ code, role: "admin", bootstrap: true, createdBy: "start-up", expiresAt });
  await recordAudit({ via: "job", name: "start-up" }, "invite.created", { kind: "invite", id: String(invite._id) }, { role: "admin", bootstrap: true }, now);
  return { kind: "bootstrap-invite", code, expiresAt, granted };
}
