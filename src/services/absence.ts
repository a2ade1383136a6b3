import type { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import type { Locale, Translate } from "../i18n.ts";
import { enqueueMessage } from "../outbox/enqueue.ts";
import { formatCalendarDate } from "../time/calendar.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { focalAgencyOf, type MemberRecord } from "./members.ts";
import { secretariatChatId } from "./secretariat-chat.ts";

/**
 * A focal officer away (leave, a mission) until a date: the agency's other officers get its
 * messages meanwhile; when nobody of the agency is there, the secretariat is told once.
 */
export async function setAway(memberId: Types.ObjectId | string, until: string | null, actor: Actor, now: Date): Promise<void> {
  await MemberModel.updateOne({ _id: memberId }, { $set: { awayUntil: until } });
  await recordAudit(actor, until ? "member.away" : "member.back", { kind: "member", id: String(memberId) }, { until }, now);
}

/** Members away on `today`, with their agency's name, soonest back first. */
export async function awayMembers(today: string): Promise<{ name: string; agency: string | null; until: string }[]> {
  const members = await MemberModel.find({ status: "active", awayUntil: { $gte: today } }).sort({ awayUntil: 1 }).lean();
  const agencyIds = members.map((member) => focalAgencyOf(member)).filter((id): id is string => id !== null);
  const names = new Map((await AgencyModel.find({ _id: { $in: agencyIds } }).select({ name: 1 }).lean()).map((a) => [String(a._id), a.name]));
  return members.map((member) => ({ name: member.displayName, agency: names.get(focalAgencyOf(member) ?? "") ?? null, until: member.awayUntil! }));
}

export interface AbsenceNoticeContext {
  now: Date;
  defaultLocale: Locale;
  configuredSecretariatChatId: number | undefined;
  translate: (locale: Locale) => Translate;
}

/** Tells the secretariat, once per absence, that an agency with something to receive has nobody there. */
export async function tellEveryoneAway(agencyId: string, absence: { until: string; officers: MemberRecord[] }, context: AbsenceNoticeContext): Promise<boolean> {
  const chatId = await secretariatChatId(context.configuredSecretariatChatId);
  if (chatId === null) return false;
  const agency = await AgencyModel.findById(agencyId).select({ name: 1 }).lean();
  const t = context.translate(context.defaultLocale);
  return enqueueMessage({
    key: `away-uncovered:${agencyId}:${absence.until}`,
    chatId,
    text: t("away-uncovered", {
      agency: agency?.name ?? agencyId,
      names: absence.officers.map((officer) => officer.displayName).join(", "),
      until: formatCalendarDate(absence.until),
    }),
    purpose: "away-uncovered",
    notBefore: context.now,
  });
}
