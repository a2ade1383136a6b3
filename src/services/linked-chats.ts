import { randomInt } from "node:crypto";
import type { Types } from "mongoose";
import { MemberModel } from "../../models/member.ts";
import { recordAudit } from "./audit.ts";
import { findMember } from "./members.ts";

/**
 * One person, two networks: a member on Telegram links their Zalo chat (or the reverse) with a
 * one-time code, and chooses where dondoc writes to them. Either chat then reaches the same
 * member, with the same roles and the same reports.
 */
export const LINK_CODE_MINUTES = 30;
/** Letters and digits that are not mistaken for one another when typed on a phone. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export async function createLinkCode(memberId: Types.ObjectId, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
  await MemberModel.updateOne({ _id: memberId }, { $set: { linkCode: code, linkCodeExpiresAt: expiresAt } });
  return { code, expiresAt };
}

export type LinkResult = { ok: true; displayName: string } | { ok: false; reason: "unknown" | "same-chat" | "taken" };

/** Links `chatId` to the member whose code this is; dondoc then writes there. */
export async function redeemLinkCode(code: string, chatId: number, now: Date): Promise<LinkResult> {
  const normalized = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{8}$/.test(normalized)) return { ok: false, reason: "unknown" };
  const member = await MemberModel.findOne({ linkCode: normalized, linkCodeExpiresAt: { $gt: now } }).lean();
  if (!member) return { ok: false, reason: "unknown" };
  if (member.telegramId === chatId || member.linkedChatId === chatId) return { ok: false, reason: "same-chat" };
  if (await findMember(chatId)) return { ok: false, reason: "taken" };
  const linked = await MemberModel.updateOne({ _id: member._id, linkCode: normalized }, { $set: { linkedChatId: chatId, writeToLinked: true, linkCode: null, linkCodeExpiresAt: null, refusedChatId: null } });
  if (linked.modifiedCount !== 1) return { ok: false, reason: "unknown" };
  await recordAudit({ via: "chat", telegramId: chatId, name: member.displayName }, "member.chat-linked", { kind: "member", id: String(member._id) }, { chatId }, now);
  return { ok: true, displayName: member.displayName };
}

/** Makes `chatId` (one of the member's two chats) the one dondoc writes to. */
export async function writeHere(member: { _id: Types.ObjectId; linkedChatId?: number | null }, chatId: number): Promise<void> {
  await MemberModel.updateOne({ _id: member._id }, { $set: { writeToLinked: member.linkedChatId === chatId, refusedChatId: null } });
}
