import { Composer, InputFile } from "grammy";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { buildDigest } from "../services/digest.ts";
import { hasRole } from "../services/members.ts";
import { commandGroup, defineCommand } from "./define-command.ts";
import { replyLong } from "./reply-long.ts";
import { maySeeSecretariatViews } from "./roles.ts";

/** /tonghop (/digest): the leaders' weekly digest, on demand, for leaders and the secretariat. */
export function digestFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "digest", async (ctx: BotContext) => {
    if (!hasRole(ctx.member, "leader") && !(await maySeeSecretariatViews(ctx, deps.config.secretariatChatId))) {
      return void (await ctx.reply(ctx.t("leaders-only")));
    }
    const digest = await buildDigest(deps.clock.now(), deps.config.timeZone, (key, params) => ctx.t(key, params));
    await replyLong(ctx, digest.html);
    await ctx.replyWithPhoto(new InputFile(digest.png, "tong-hop.png"));
  });
  feature.use(commands);
  return feature;
}
