import { monthsBefore } from "../src/followup/reportable-periods.ts";
import { formatEscalation } from "../src/messages/status-messages.ts";
import { splitMessage } from "../src/messages/split-message.ts";
import { enqueueMessage } from "../src/outbox/enqueue.ts";
import { focalOfficersByAgency } from "../src/services/members.ts";
import { loadMonthFigures } from "../src/services/month-figures-data.ts";
import { secretariatChatId } from "../src/services/secretariat-chat.ts";
import { localDate, parseInstant, periodKey, yearMonthAt, type YearMonth } from "../src/time/calendar.ts";
import type { SendRules } from "../src/time/quiet-hours.ts";
import type { JobContext, JobResult } from "./job-context.ts";
import type { Schedules } from "./job-names.ts";
import { jobOccurrences } from "./job-schedule.ts";

/**
 * Agencies still owing answers (not reported, or partly) `escalationWorkingDays` working days after the month's last reminder go
 * to the secretariat group in one message, with their officers, so someone calls them. Once a
 * month (the key); last month too when its escalation day fell into this one (a month ending in
 * holidays), never older months.
 */
export async function runEscalation(job: JobContext, schedules: Schedules, rules: SendRules): Promise<JobResult> {
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  const current = yearMonthAt(job.asOf, job.timeZone);
  for (const month of [monthsBefore(current, 1), current]) {
    const last = lastReminderOf(month, schedules, rules);
    if (!last || last > job.asOf) continue;
    const due = rules.calendar.addWorkingDays(localDate(last, job.timeZone), job.escalationWorkingDays);
    const today = localDate(job.asOf, job.timeZone);
    // Last month only when its escalation day fell into this month (its reminder was late in it).
    if (today < due || (periodKey(month) !== periodKey(current) && due < `${periodKey(current)}-01`)) continue;
    const [figures, officers] = await Promise.all([loadMonthFigures(month), focalOfficersByAgency()]);
    // Whoever still owes answers, not reported at all or partly: someone calls them.
    const owing = figures.agencies.filter((entry) => entry.missing > 0);
    if (owing.length === 0) continue;
    const chatId = await secretariatChatId(job.configuredSecretariatChatId);
    if (chatId === null) continue;
    const text = formatEscalation(owing, month, job.escalationWorkingDays, officers, job.translate(job.defaultLocale));
    for (const [index, part] of splitMessage(text).entries()) {
      const created = await enqueueMessage({ key: `escalation:${periodKey(month)}:${index + 1}`, chatId, text: part, purpose: "escalation", notBefore: job.asOf });
      if (created) result.enqueued++;
      else result.alreadyQueued++;
    }
  }
  return result;
}

function lastReminderOf(month: YearMonth, schedules: Schedules, rules: SendRules): Date | null {
  const start = parseInstant(`${periodKey(month)}-01T00:00:00`, rules.timeZone)!;
  const next = monthsBefore(month, -1);
  const end = parseInstant(`${periodKey(next)}-01T00:00:00`, rules.timeZone)!;
  return jobOccurrences("reminders", new Date(start.getTime() - 1), new Date(end.getTime() - 1), schedules, rules).at(-1)?.at ?? null;
}
