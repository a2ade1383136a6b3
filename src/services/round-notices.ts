import { AgencyModel } from "../../models/agency.ts";
import { AwardTypeModel } from "../../models/award-type.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import type { Config } from "../config.ts";
import { forChat, messageTranslatorFor, type Locale, type Translate } from "../i18n.ts";
import { formatRoundInvitation, formatRoundTotals, nominateKeyboard } from "../messages/nomination-messages.ts";
import { splitMessage } from "../messages/split-message.ts";
import { daysLeft } from "../nominations/round-window.ts";
import { enqueueMessage } from "../outbox/enqueue.ts";
import { formatRegistrationMatch } from "../messages/registration-messages.ts";
import { roundYear } from "../nominations/registration-match.ts";
import { formatLocalDateTime, localDate, yearMonthAt } from "../time/calendar.ts";
import { tellEveryoneAway } from "./absence.ts";
import { deliveryChatOf, focalOfficersByAgency, reachableOfficers } from "./members.ts";
import { totalsOf, type RoundRecord } from "./nomination-rounds.ts";
import { loadYearRegistrations } from "./registration-comparison.ts";
import { secretariatChatId } from "./secretariat-chat.ts";

/** Messages about a round: the invitation to each asked agency, reminders, and the deadline notice. */
export interface NoticeContext {
  now: Date;
  timeZone: string;
  defaultLocale: Locale;
  configuredSecretariatChatId: number | undefined;
  translate: (locale: Locale) => Translate;
}


export function noticeContextFrom(config: Pick<Config, "timeZone" | "defaultLocale" | "secretariatChatId">, now: Date): NoticeContext {
  return { now, timeZone: config.timeZone, defaultLocale: config.defaultLocale, configuredSecretariatChatId: config.secretariatChatId, translate: messageTranslatorFor };
}

/**
 * A round reopened for one agency: the secretariat group learns for whom and until when, and
 * the agency's officers get the round again with their own new deadline.
 */
export async function announceReopen(round: RoundRecord, agencyCode: string, until: Date, context: NoticeContext): Promise<number> {
  const agency = await AgencyModel.findOne({ code: agencyCode.trim().toUpperCase() }).lean();
  if (!agency) return 0;
  const untilText = formatLocalDateTime(until, context.timeZone);
  const stamp = until.getTime();
  let enqueued = 0;
  const groupId = await secretariatChatId(context.configuredSecretariatChatId);
  if (groupId !== null) {
    const t = context.translate(context.defaultLocale);
    const text = t("round-reopened-group", { seq: round.seq, agency: agency.name, until: untilText });
    if (await enqueueMessage({ key: `round-reopen:${String(round._id)}:${String(agency._id)}:${stamp}:group`, chatId: groupId, text, purpose: "round-reopened", notBefore: context.now })) enqueued++;
  }
  for (const officer of (await focalOfficersByAgency(localDate(context.now, context.timeZone))).get(String(agency._id)) ?? []) {
    const t = forChat(context.translate((officer.locale as Locale) ?? context.defaultLocale), deliveryChatOf(officer));
    const created = await enqueueMessage({
      key: `round-reopen:${String(round._id)}:${stamp}:${officer.telegramId}`,
      chatId: deliveryChatOf(officer),
      text: t("round-reopened-for-you", { seq: round.seq, title: round.title, until: untilText }),
      replyMarkup: nominateKeyboard(t, String(round._id), round.kind),
      purpose: "round-reopened",
      member: officer._id,
      about: { agency: String(agency._id) },
      notBefore: context.now,
    });
    if (created) enqueued++;
  }
  return enqueued;
}

async function awardNames(codes: string[]): Promise<string[]> {
  const awards = await AwardTypeModel.find({ code: { $in: codes } }).lean();
  return codes.map((code) => awards.find((award) => award.code === code)?.name ?? code);
}

/** Queues the round's message to the focal officers of `agencyIds` (all asked agencies by default). */
export async function sendRoundMessages(round: RoundRecord, context: NoticeContext, purpose: "round-opened" | "round-reminder", keySuffix: string, agencyIds?: string[]): Promise<number> {
  const { officers, allAway } = await reachableOfficers(localDate(context.now, context.timeZone));
  const names = await awardNames(round.awardTypes);
  const targets = agencyIds ?? round.agencies.map(String);
  let enqueued = 0;
  for (const agencyId of targets) {
    const away = allAway.get(agencyId);
    if (away && (await tellEveryoneAway(agencyId, away, context))) enqueued++;
    for (const officer of officers.get(agencyId) ?? []) {
      const t = forChat(context.translate((officer.locale as Locale) ?? context.defaultLocale), deliveryChatOf(officer));
      const facts = { seq: round.seq, title: round.title, kind: round.kind, deadline: formatLocalDateTime(round.deadline, context.timeZone) };
      const heading = purpose === "round-reminder" ? `${t(round.kind === "registration" ? "registration-reminder" : "round-reminder", { days: daysLeft(round.deadline, context.now) })}\n\n` : "";
      const created = await enqueueMessage({
        key: `${purpose}:${String(round._id)}:${keySuffix}:${officer.telegramId}`,
        chatId: deliveryChatOf(officer),
        text: heading + formatRoundInvitation(facts, names, t),
        replyMarkup: nominateKeyboard(t, String(round._id), round.kind),
        purpose,
        member: officer._id,
        about: { agency: agencyId },
        notBefore: context.now,
      });
      if (created) enqueued++;
    }
  }
  return enqueued;
}

/**
 * A round's totals; a nomination round's are followed by the year's nominations set against its
 * registrations, per agency and award.
 */
export async function roundTotalsHtml(round: RoundRecord, now: Date, timeZone: string, t: Translate): Promise<string> {
  const totals = await totalsOf(round);
  const awards = await AwardTypeModel.find({ code: { $in: round.awardTypes } }).lean();
  const agencies = await AgencyModel.find({ _id: { $in: round.agencies } }).lean();
  const match =
    round.kind === "nomination" ? `\n\n${formatRegistrationMatch(await loadYearRegistrations(round.year ?? roundYear(round.title, yearMonthAt(round.deadline, timeZone).year), timeZone), t)}` : "";
  return formatRoundTotals(
    { seq: round.seq, title: round.title, kind: round.kind, deadline: formatLocalDateTime(round.deadline, timeZone), status: round.status, daysLeft: daysLeft(round.deadline, now) },
    totals,
    { award: new Map(awards.map((a) => [a.code, { name: a.name, scope: a.scope }])), agency: new Map(agencies.map((a) => [String(a._id), a.name])) },
    t,
  ) + match;
}

/** At the deadline: the round closes and the secretariat group gets the totals and who is missing. */
export async function closeAtDeadline(round: RoundRecord, context: NoticeContext): Promise<number> {
  await NominationRoundModel.updateOne({ _id: round._id, status: "open" }, { $set: { status: "closed", closedAt: context.now } });
  const chatId = await secretariatChatId(context.configuredSecretariatChatId);
  if (chatId === null) return 0;
  const t = context.translate(context.defaultLocale);
  const closed = { ...round, status: "closed" as const };
  let enqueued = 0;
  for (const [index, part] of splitMessage(await roundTotalsHtml(closed, context.now, context.timeZone, t)).entries()) {
    if (await enqueueMessage({ key: `round-deadline:${String(round._id)}:${round.deadline.toISOString()}:${index}`, chatId, text: part, purpose: "round-deadline", notBefore: context.now })) enqueued++;
  }
  return enqueued;
}
