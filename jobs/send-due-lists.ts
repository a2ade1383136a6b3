import { forChat, type Locale } from "../src/i18n.ts";
import { AgencyReports, isEmpty, type DueList } from "../src/followup/due-milestones.ts";
import type { AgencyView } from "../src/followup/milestone-view.ts";
import { groupReportsByAgency } from "../src/followup/month-figures.ts";
import { paginateDueList } from "../src/followup/paginate.ts";
import { formatDueList } from "../src/messages/due-list-message.ts";
import { reportButtons } from "../src/messages/report-buttons.ts";
import { enqueueMessages, type OutgoingMessage } from "../src/outbox/enqueue.ts";
import type { MonthData } from "../src/services/follow-up-data.ts";
import { tellEveryoneAway } from "../src/services/absence.ts";
import { deliveryChatOf, type MemberRecord } from "../src/services/members.ts";
import { periodKey, type YearMonth } from "../src/time/calendar.ts";
import type { JobContext, JobResult } from "./job-context.ts";

/**
 * Queues to each agency's focal officers the list `pick` chooses for it (nothing when empty),
 * one message or a few pages each, with a report button per milestone. The monthly push and
 * the reminders differ only in the list, the heading and the keys.
 */
export interface DueListRound {
  month: YearMonth;
  data: MonthData;
  officers: Map<string, MemberRecord[]>;
  /** Agencies whose officers are all away: the secretariat is told instead. */
  allAway: Map<string, { until: string; officers: MemberRecord[] }>;
  pick: (agencyId: string, reports: AgencyReports) => DueList;
  purpose: string;
  keyPrefix: string;
  headingKey: string;
}

export async function sendDueListRound(job: JobContext, round: DueListRound): Promise<JobResult> {
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  const messages: OutgoingMessage[] = [];
  const period = periodKey(round.month);
  const reports = groupReportsByAgency(round.data.reports);
  for (const agency of round.data.agencies) {
    const officers = round.officers.get(agency.id) ?? [];
    const away = round.allAway.get(agency.id);
    if (officers.length === 0 && !away) continue;
    const list = round.pick(agency.id, reports.get(agency.id) ?? new AgencyReports([]));
    if (isEmpty(list)) continue;
    if (away && (await tellEveryoneAway(agency.id, away, { now: job.asOf, defaultLocale: job.defaultLocale, configuredSecretariatChatId: job.configuredSecretariatChatId, translate: job.translate }))) result.enqueued++;
    for (const officer of officers) messages.push(...messagesToOfficer(job, round, { officer, agency, list, period }));
  }
  // One round trip per thousand messages: a province's push is queued in seconds.
  const queued = await enqueueMessages(messages);
  result.enqueued += queued.enqueued;
  result.alreadyQueued += queued.alreadyQueued;
  return result;
}

function messagesToOfficer(job: JobContext, round: DueListRound, target: { officer: MemberRecord; agency: AgencyView; list: DueList; period: string }): OutgoingMessage[] {
  const { officer, agency, list, period } = target;
  const locale = (officer.locale as Locale | undefined) ?? job.defaultLocale;
  const t = forChat(job.translate(locale), deliveryChatOf(officer));
  const heading = t(round.headingKey, {
    month: String(round.month.month),
    year: String(round.month.year),
    agency: agency.name,
    count: list.lead.length + list.coordinating.length,
  });
  return paginateDueList(list).map(({ page, firstNumber }, index) => {
    const message = formatDueList(page, heading, t, firstNumber);
    return {
      key: `${round.keyPrefix}:${officer.telegramId}:${index + 1}`,
      chatId: deliveryChatOf(officer),
      text: message.html,
      replyMarkup: reportButtons(message.items, period, firstNumber, (n) => t("button-report-number", { number: String(n) })),
      purpose: round.purpose,
      member: officer._id,
      about: { agency: agency.id, period, milestones: message.items.map((m) => m.id) },
      notBefore: job.asOf,
      position: index,
    };
  });
}
