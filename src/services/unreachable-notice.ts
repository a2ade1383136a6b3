import type { Types } from "mongoose";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import type { BotDeps } from "../bot-deps.ts";
import { messageTranslatorFor } from "../i18n.ts";
import { addGroupNotice } from "./group-notices.ts";
import { focalAgencyOf } from "./members.ts";

/**
 * Tells the secretariat group that a member blocked the bot, so someone can call them: one line
 * gathered with the other notices, so forty members blocking at once make one message, not forty.
 */
export async function notifyUnreachable(memberId: Types.ObjectId, deps: BotDeps): Promise<void> {
  const member = await MemberModel.findById(memberId).lean();
  if (!member) return;
  const agencyId = focalAgencyOf(member);
  const agency = agencyId ? await AgencyModel.findById(agencyId).lean() : null;
  const t = messageTranslatorFor(deps.config.defaultLocale);
  await addGroupNotice(t("member-unreachable", { name: member.displayName, agency: agency ? agency.name : "-" }), deps.clock.now());
}
