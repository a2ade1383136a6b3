import type { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { focalAgencyOf } from "./members.ts";

/**
 * Messages the outbox could not deliver, for a person to see and act on: to whom, what, when,
 * and why; and a way to send one again once the cause is fixed.
 */
export interface FailedDelivery {
  id: string;
  chatId: number;
  purpose: string;
  at: Date;
  error: string;
  who: string | null;
  agency: string | null;
}

export async function failedDeliveries(since: Date, limit = 50): Promise<FailedDelivery[]> {
  const failed = await OutboxMessageModel.find({ state: "failed", failedAt: { $gte: since } }).sort({ failedAt: -1 }).limit(limit).lean();
  const members = new Map((await MemberModel.find({ _id: { $in: failed.map((m) => m.member).filter(Boolean) as Types.ObjectId[] } }).lean()).map((m) => [String(m._id), m]));
  const agencyIds = [...members.values()].map((m) => focalAgencyOf(m)).filter((id): id is string => id !== null);
  const agencies = new Map((await AgencyModel.find({ _id: { $in: agencyIds } }).select({ name: 1 }).lean()).map((a) => [String(a._id), a.name]));
  return failed.map((message) => {
    const member = message.member ? members.get(String(message.member)) : undefined;
    return {
      id: String(message._id),
      chatId: message.chatId,
      purpose: message.purpose,
      at: message.failedAt ?? message.notBefore,
      error: message.lastError ?? "",
      who: member?.displayName ?? null,
      agency: member ? (agencies.get(focalAgencyOf(member) ?? "") ?? null) : null,
    };
  });
}

export async function countFailedSince(since: Date): Promise<number> {
  return OutboxMessageModel.countDocuments({ state: "failed", failedAt: { $gte: since } });
}

/** Queues a failed message again (after the person unblocked the bot, say); false when there is no such failed message. */
export async function retryDelivery(id: string, now: Date): Promise<boolean> {
  if (!/^[0-9a-f]{24}$/.test(id)) return false;
  const message = await OutboxMessageModel.findOneAndUpdate({ _id: id, state: "failed" }, { $set: { state: "pending", attempts: 0, notBefore: now, lastError: null, failedAt: null } }).lean();
  if (message?.member) await MemberModel.updateOne({ _id: message.member, status: "unreachable" }, { $set: { status: "active", statusChangedAt: now } });
  return message !== null;
}
