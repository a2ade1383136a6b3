import { Composer, InputFile } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { readMonth } from "../followup/reportable-periods.ts";
import { buildDigest } from "../services/digest.ts";
import { yearMonthAt } from "../time/calendar.ts";
import { hasRole } from "../services/members.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { replyLong } from "../chat/reply-long.ts";
import { maySeeSecretariatViews, refuseView } from "../chat/roles.ts";

/** /tonghop (/digest): the leaders' weekly digest, on demand, for leaders and the secretariat. */
export function digestFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "digest", async (ctx: BotContext) => {
    if (!hasRole(ctx.member, "leader") && !maySeeSecretariatViews(ctx)) return refuseView(ctx, "leaders-only");
    const typed = typeof ctx.match === "string" ? ctx.match.trim() : "";
    const month = typed ? readMonth(typed) : null;
    if (typed && !month) {
      const now = yearMonthAt(deps.clock.now(), deps.config.timeZone);
      return void (await ctx.reply(ctx.t("bad-month-argument", { value: typed.slice(0, 40), example: `${now.month}/${now.year}` })));
    }
    const digest = await buildDigest(deps.clock.now(), deps.config.timeZone, (key, params) => ctx.t(key, params), month ?? undefined);
    await replyLong(ctx, digest.html);
    await ctx.replyWithPhoto(new InputFile(digest.png, "tong-hop.png"));
  });
  feature.use(commands);
  return feature;
}
