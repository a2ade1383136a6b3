import type { Locale } from "../src/i18n.ts";
import type { DueList } from "../src/followup/due-milestones.ts";
import { paginateDueList } from "../src/followup/paginate.ts";
import { formatDueList } from "../src/messages/due-list-message.ts";
import { reportButtons } from "../src/messages/report-buttons.ts";
import { enqueueMessage } from "../src/outbox/enqueue.ts";
import type { MemberRecord } from "../src/services/members.ts";
import type { JobContext, JobResult } from "./job-context.ts";

/**
 * Queues one due-list message (or a few pages) to each focal officer of an agency. Shared by
 * the monthly push and the reminders, which differ in heading, list and key.
 */
export async function sendDueLists(
  job: JobContext,
  request: {
    officers: MemberRecord[];
    agency: { id: string; name: string };
    list: DueList;
    period: string;
    purpose: string;
    keyPrefix: string;
    heading: (locale: Locale) => string;
  },
  result: JobResult,
): Promise<void> {
  for (const officer of request.officers) {
    const locale = (officer.locale as Locale | undefined) ?? job.defaultLocale;
    const t = job.translate(locale);
    for (const [index, { page, firstNumber }] of paginateDueList(request.list).entries()) {
      const message = formatDueList(page, request.heading(locale), t, firstNumber);
      const created = await enqueueMessage({
        key: `${request.keyPrefix}:${officer.telegramId}:${index + 1}`,
        chatId: officer.telegramId,
        text: message.html,
        replyMarkup: reportButtons(message.items, request.period, firstNumber, (n) => t("button-report-number", { number: String(n) })),
        purpose: request.purpose,
        member: officer._id,
        about: { agency: request.agency.id, period: request.period, milestones: message.items.map((m) => m.id) },
        notBefore: job.asOf,
      });
      if (created) result.enqueued++;
      else result.alreadyQueued++;
    }
  }
}
