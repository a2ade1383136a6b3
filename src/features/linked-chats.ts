import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { networkOf } from "../chat-networks.ts";
import { createLinkCode, LINK_CODE_MINUTES, redeemLinkCode, writeHere } from "../services/linked-chats.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { welcomeStranger } from "../chat/welcome-stranger.ts";

/**
 * /lienket (/link): a member gets a code to link their chat on the other network; sent as
 * "/lienket CODE" from there, it links that chat. /nhantinday (/here): dondoc writes to this chat.
 */
export function linkedChatsFeature(deps: BotDeps) {
  const commands = commandGroup();
  defineCommand(commands, "link", async (ctx: BotContext) => {
    if (ctx.chat?.type !== "private") return;
    const code = typeof ctx.match === "string" ? ctx.match.trim() : "";
    if (code) {
      if (ctx.member) return void (await ctx.reply(ctx.t("link-already-member")));
      const result = await redeemLinkCode(code, ctx.chat.id, deps.clock.now());
      if (!result.ok) return void (await ctx.reply(ctx.t(`link-${result.reason}`)));
      return void (await ctx.reply(ctx.t("link-done", { name: result.displayName, network: networkOf(ctx.chat.id) })));
    }
    if (!ctx.member) return welcomeStranger(ctx);
    const created = await createLinkCode(ctx.member._id, deps.clock.now());
    await ctx.reply(ctx.t("link-code", { code: created.code, minutes: LINK_CODE_MINUTES }));
  });
  defineCommand(commands, "here", async (ctx: BotContext) => {
    if (!ctx.member || !ctx.chat || ctx.chat.type !== "private") return;
    if (!ctx.member.linkedChatId) return void (await ctx.reply(ctx.t("here-not-linked")));
    await writeHere(ctx.member, ctx.chat.id);
    await ctx.reply(ctx.t("here-done"));
  });
  return commands;
}
