import { PlanModel } from "../../models/plan.ts";
import { yearEndSummary } from "../followup/year-end.ts";
import type { Locale, Translate } from "../i18n.ts";
import { formatYearEnd } from "../messages/status-messages.ts";
import { splitMessage } from "../messages/split-message.ts";
import { enqueueMessage } from "../outbox/enqueue.ts";
import { recordAudit, type Actor } from "./audit.ts";
import { loadAgencyViews, loadMilestoneViews, loadReportViews } from "./follow-up-data.ts";
import { membersWithRole } from "./members.ts";
import { secretariatChatId } from "./secretariat-chat.ts";

/**
 * Closing a plan year: its unfinished work stops being followed up (it leaves /quahan), and the
 * year-end account — per agency, what was done and what was not — goes to the secretariat group
 * and to every leader. Closing twice sends nothing twice.
 */
export class YearCloseError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export interface YearCloseContext {
  now: Date;
  defaultLocale: Locale;
  configuredSecretariatChatId: number | undefined;
  translate: (locale: Locale) => Translate;
}

export async function closeYear(year: number, actor: Actor, context: YearCloseContext): Promise<{ plans: number; messages: number; done: number; total: number }> {
  const plans = await PlanModel.find({ year, status: "active", closedAt: null }).select({ _id: 1 }).lean();
  if (plans.length === 0) throw new YearCloseError("year-close-nothing");
  const [milestones, agencies, reports] = await Promise.all([loadMilestoneViews(year), loadAgencyViews(), loadReportViews(year, { year, month: 12 }, { scope: "year" })]);
  const summary = yearEndSummary(year, milestones, agencies, reports);
  let messages = 0;
  const send = async (chatId: number, locale: Locale, member: unknown) => {
    for (const [index, part] of splitMessage(formatYearEnd(summary, context.translate(locale))).entries()) {
      if (await enqueueMessage({ key: `year-end:${year}:${chatId}:${index + 1}`, chatId, text: part, purpose: "year-end", member: (member as never) ?? null, notBefore: context.now })) messages++;
    }
  };
  const groupId = await secretariatChatId(context.configuredSecretariatChatId);
  if (groupId !== null) await send(groupId, context.defaultLocale, null);
  for (const leader of await membersWithRole("leader")) await send(leader.telegramId, (leader.locale as Locale) ?? context.defaultLocale, leader._id);
  await PlanModel.updateMany({ _id: { $in: plans.map((plan) => plan._id) } }, { $set: { closedAt: context.now } });
  await recordAudit(actor, "year.closed", { kind: "year", id: String(year) }, { plans: plans.length, done: summary.done, total: summary.total }, context.now);
  return { plans: plans.length, messages, done: summary.done, total: summary.total };
}
