import type { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import type { BotDeps } from "../bot-deps.ts";
import { translatorFor } from "../i18n.ts";
import { escapeHtml } from "../messages/html.ts";
import { enqueueMessage } from "../outbox/enqueue.ts";
import { focalAgencyOf } from "./members.ts";
import { secretariatChatId } from "./secretariat-chat.ts";

/** Tells the secretariat group that a member blocked the bot, so someone can call them. */
export async function notifyUnreachable(memberId: Types.ObjectId, deps: BotDeps): Promise<void> {
  const chatId = await secretariatChatId(deps.config.secretariatChatId);
  const member = await MemberModel.findById(memberId).lean();
  if (chatId === null || !member) return;
  const agencyId = focalAgencyOf(member);
  const agency = agencyId ? await AgencyModel.findById(agencyId).lean() : null;
  const t = translatorFor(deps.config.defaultLocale);
  const now = deps.clock.now();
  await enqueueMessage({
    key: `unreachable:${String(memberId)}:${now.toISOString().slice(0, 10)}`,
    chatId,
    text: t("member-unreachable", { name: escapeHtml(member.displayName), agency: agency ? escapeHtml(agency.name) : "-" }),
    purpose: "unreachable",
    notBefore: now,
  });
  deps.wakeOutbox();
}
