import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Types } from "mongoose";
import { randomBytes } from "node:crypto";
import { AgencyModel } from "../../models/agency.ts";
import { InviteModel } from "../../models/invite.ts";
import { MemberModel, type Role } from "../../models/member.ts";
import { ensurePrivateFolder, writePrivateFile } from "../db/private-files.ts";
import { recordAudit, type Actor } from "./audit.ts";

/** Single-use, expiring invites: the only way to a role. */
export class InviteError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export interface CreatedInvite {
  code: string;
  role: Role;
  agency: { code: string; name: string } | null;
  expiresAt: Date;
}

export async function createInvite(
  request: { role: Role; agencyCode?: string | null; ttlHours: number; now: Date },
  actor: Actor,
): Promise<CreatedInvite> {
  let agency: { _id: Types.ObjectId; code: string; name: string } | null = null;
  if (request.role === "focal") {
    if (!request.agencyCode) throw new InviteError("invite-error-agency-needed");
    agency = await AgencyModel.findOne({ code: request.agencyCode.trim().toUpperCase(), active: true }).lean();
    if (!agency) throw new InviteError("invite-error-agency-unknown");
  }
  // Telegram start parameters allow A–Z, a–z, 0–9, _ and -: base64url fits.
  const code = randomBytes(12).toString("base64url");
  const expiresAt = new Date(request.now.getTime() + request.ttlHours * 3_600_000);
  const invite = await InviteModel.create({ code, role: request.role, agency: agency?._id ?? null, createdBy: actor.name ?? String(actor.telegramId ?? ""), expiresAt });
  // The code is a key to a role: the audit names the invite by its id, never by its code.
  await recordAudit(actor, "invite.created", { kind: "invite", id: String(invite._id) }, { role: request.role, agency: agency?.code ?? null }, request.now);
  return { code, role: request.role, agency: agency ? { code: agency.code, name: agency.name } : null, expiresAt };
}

export function inviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

export interface Newcomer {
  telegramId: number;
  displayName: string;
  username: string | null;
  locale: "vi" | "en";
}

export type RedeemResult =
  | { ok: true; role: Role; agency: { code: string; name: string } | null; bootstrap: boolean }
  | { ok: false; reason: "unknown" | "used" | "expired" | "revoked" | "bootstrap-done" };

/** Uses an invite once, atomically; registers or extends the member. */
export async function redeemInvite(code: string, person: Newcomer, now: Date): Promise<RedeemResult> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return { ok: false, reason: "unknown" };
  // The first admin's link works only while there is no admin.
  const pending = await InviteModel.findOne({ code, bootstrap: true }).lean();
  if (pending && (await MemberModel.exists({ "roles.role": "admin", status: { $ne: "revoked" } }))) return { ok: false, reason: "bootstrap-done" };
  const invite = await InviteModel.findOneAndUpdate(
    { code, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now, usedBy: person.telegramId } },
    { returnDocument: "after" },
  ).lean();
  if (!invite) {
    const known = await InviteModel.findOne({ code }).lean();
    if (!known) return { ok: false, reason: "unknown" };
    if (known.revokedAt) return { ok: false, reason: "revoked" };
    return { ok: false, reason: known.usedAt ? "used" : "expired" };
  }
  const agency = invite.agency ? await AgencyModel.findById(invite.agency).lean() : null;
  const existing = await MemberModel.findOne({ telegramId: person.telegramId });
  const grant = { role: invite.role, agency: invite.agency ?? null, grantedAt: now, grantedBy: `invite:${String(invite._id)}` };
  if (existing) {
    // One agency per focal officer: a new focal invite moves them.
    const kept = existing.roles.filter((g) => g.role !== invite.role);
    existing.set({ roles: [...kept, grant], status: "active", displayName: person.displayName, username: person.username });
    await existing.save();
  } else {
    await MemberModel.create({ telegramId: person.telegramId, displayName: person.displayName, username: person.username, locale: person.locale, roles: [grant] });
  }
  await recordAudit(
    { via: "chat", telegramId: person.telegramId, name: person.displayName },
    "invite.used",
    { kind: "member", id: String(person.telegramId) },
    { invite: String(invite._id), role: invite.role, agency: agency?.code ?? null },
    now,
  );
  return { ok: true, role: invite.role, agency: agency ? { code: agency.code, name: agency.name } : null, bootstrap: invite.bootstrap === true };
}

/** Writes the first administrator's one-time link where only this user can read it; returns the path. */
export function writeFirstAdminLink(dataDir: string, link: string, validUntil: string): string {
  ensurePrivateFolder(dataDir);
  const path = resolve(dataDir, "first-admin-link.txt");
  writePrivateFile(path, `${link}\nvalid until ${validUntil}\n`);
  return path;
}

/** Once there is an administrator, the old link's file goes. */
export function forgetFirstAdminLink(dataDir: string): void {
  rmSync(resolve(dataDir, "first-admin-link.txt"), { force: true });
}
