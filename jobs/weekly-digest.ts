import type { Locale } from "../src/i18n.ts";
import { enqueueMessage, enqueuePhoto } from "../src/outbox/enqueue.ts";
import { buildDigest, keepDigest } from "../src/services/digest.ts";
import { deliveryChatOf, membersWithRole } from "../src/services/members.ts";
import type { JobContext, JobResult } from "./job-context.ts";

/** Monday morning: every leader gets the digest, text first and the chart after it. */
export async function runWeeklyDigest(job: JobContext): Promise<JobResult> {
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  const leaders = await membersWithRole("leader");
  const digests = new Map<Locale, Awaited<ReturnType<typeof buildDigest>>>();
  for (const leader of leaders) {
    const locale = (leader.locale as Locale) ?? job.defaultLocale;
    if (!digests.has(locale)) digests.set(locale, await buildDigest(job.asOf, job.timeZone, job.translate(locale)));
    const digest = digests.get(locale)!;
    const key = `digest:${digest.day}:${leader.telegramId}`;
    const text = await enqueueMessage({ key: `${key}:text`, chatId: deliveryChatOf(leader), text: digest.html, purpose: "weekly-digest", member: leader._id, notBefore: job.asOf });
    const chart = await enqueuePhoto({ key: `${key}:chart`, chatId: deliveryChatOf(leader), png: digest.png, purpose: "weekly-digest", member: leader._id, notBefore: job.asOf });
    for (const created of [text, chart]) {
      if (created) result.enqueued++;
      else result.alreadyQueued++;
    }
  }
  const kept = digests.get(job.defaultLocale) ?? (await buildDigest(job.asOf, job.timeZone, job.translate(job.defaultLocale)));
  await keepDigest(kept, job.asOf);
  return result;
}
