import { unansweredForAgency } from "../src/followup/due-milestones.ts";
import { monthFigures, sumAnswers } from "../src/followup/month-figures.ts";
import { formatSilentAgencies } from "../src/messages/status-messages.ts";
import { splitMessage } from "../src/messages/split-message.ts";
import { enqueueMessage } from "../src/outbox/enqueue.ts";
import { loadMonthData } from "../src/services/follow-up-data.ts";
import { reachableOfficers } from "../src/services/members.ts";
import { secretariatChatId } from "../src/services/secretariat-chat.ts";
import { localDate, yearMonthAt } from "../src/time/calendar.ts";
import type { JobContext, JobResult } from "./job-context.ts";
import { sendDueListRound } from "./send-due-lists.ts";

/**
 * On the 10th and the 20th: focal officers of agencies with milestones due and unanswered
 * this month get exactly what is missing, with report buttons. With the month's last reminder
 * the secretariat group gets the agencies still silent.
 */
export interface ReminderOptions {
  /** The month's last scheduled reminder also tells the secretariat group who is silent. */
  lastOfMonth: boolean;
  /** Keys of this round of reminders; a manual round from /nhacnho has its own. */
  keyPrefix?: string;
}

export async function runReminders(job: JobContext & ReminderOptions): Promise<JobResult> {
  const month = yearMonthAt(job.asOf, job.timeZone);
  const day = localDate(job.asOf, job.timeZone);
  const [data, { officers, allAway }] = await Promise.all([loadMonthData(month), reachableOfficers(localDate(job.asOf, job.timeZone))]);
  const result = await sendDueListRound(job, {
    month,
    data,
    officers,
    allAway,
    pick: (agencyId, reports) => unansweredForAgency(data.milestones, agencyId, month, reports),
    purpose: "reminder",
    keyPrefix: job.keyPrefix ?? `reminder:${day}`,
    headingKey: "reminder-heading",
  });

  if (job.lastOfMonth) {
    const groupId = await secretariatChatId(job.configuredSecretariatChatId);
    if (groupId !== null) {
      const t = job.translate(job.defaultLocale);
      // The month was in use: its reminders are running now.
      const figures = monthFigures({ month, milestones: data.milestones, agencies: data.agencies, answers: sumAnswers(data.milestones, data.agencies, month, data.reports), inUse: true });
      const text = formatSilentAgencies(figures, t, officers);
      for (const [index, part] of splitMessage(text).entries()) {
        const created = await enqueueMessage({ key: `silent:${day}:${index + 1}`, chatId: groupId, text: part, purpose: "silent-agencies", notBefore: job.asOf });
        if (created) result.enqueued++;
        else result.alreadyQueued++;
      }
    }
  }
  return result;
}
