import type { InlineKeyboardMarkup } from "grammy/types";
import { isZaloChatId } from "../src/chat-networks.ts";
import { dashboardBase, dashboardKeyboard } from "../src/chat/dashboard-buttons.ts";
import type { Locale } from "../src/i18n.ts";
import { dashboardLinkLine, withDashboardLink } from "../src/messages/dashboard-messages.ts";
import { systemClock } from "../src/time/clock.ts";
import { dashboardLink } from "../src/services/dashboard-access.ts";
import { enqueueMessage, enqueuePhoto } from "../src/outbox/enqueue.ts";
import { buildDigest, keepDigest } from "../src/services/digest.ts";
import { deliveryChatOf, membersWithRole } from "../src/services/members.ts";
import type { JobContext, JobResult } from "./job-context.ts";

/**
 * The way from the digest to the dashboard: a Web App button under it on Telegram; on Zalo, which
 * has no buttons, a signed link written under it (the outbox sends on the job's day, so the link's
 * hours run from now, in real time).
 */
async function dashboardWay(job: JobContext, leader: { _id: unknown }, chatId: number, locale: Locale): Promise<{ keyboard?: InlineKeyboardMarkup; text?: string }> {
  const base = dashboardBase(job.dashboard?.publicBaseUrl);
  if (!base) return {};
  if (!isZaloChatId(chatId)) return { keyboard: dashboardKeyboard("private", base, job.translate(locale)("dashboard-button-open")) };
  const link = await dashboardLink(String(leader._id), base, systemClock.now(), job.dashboard!.linkHours);
  return { text: dashboardLinkLine(job.translate(locale), link, job.timeZone) };
}

/** Monday morning: every leader gets the digest, text first (with the way to the dashboard) and the chart after it. */
export async function runWeeklyDigest(job: JobContext): Promise<JobResult> {
  const result: JobResult = { enqueued: 0, alreadyQueued: 0 };
  const leaders = await membersWithRole("leader");
  const digests = new Map<Locale, Awaited<ReturnType<typeof buildDigest>>>();
  for (const leader of leaders) {
    const locale = (leader.locale as Locale) ?? job.defaultLocale;
    if (!digests.has(locale)) digests.set(locale, await buildDigest(job.asOf, job.timeZone, job.translate(locale)));
    const digest = digests.get(locale)!;
    const key = `digest:${digest.day}:${leader.telegramId}`;
    const chatId = deliveryChatOf(leader);
    const way = await dashboardWay(job, leader, chatId, locale);
    const text = await enqueueMessage({ key: `${key}:text`, chatId, text: way.text ? withDashboardLink(digest.html, way.text) : digest.html, replyMarkup: way.keyboard, purpose: "weekly-digest", member: leader._id, notBefore: job.asOf });
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
