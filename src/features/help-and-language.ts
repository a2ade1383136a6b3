import { Composer } from "grammy";
import { MemberModel } from "../../models/member.ts";
import type { BotContext } from "../context.ts";
import { hasRole } from "../services/members.ts";
import { languageButton } from "../chat/callback-data.ts";
import { COMMANDS } from "../chat/command-table.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { memberLocales } from "../middleware/member-loader.ts";
import { welcomeStranger } from "../chat/welcome-stranger.ts";

/** /trogiup (/help): the commands this person may use; /ngonngu (/language): Vietnamese or English. */
export function helpAndLanguageFeature() {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  defineCommand(commands, "help", async (ctx: BotContext) => {
    if (!ctx.member) return welcomeStranger(ctx);
    const roles = COMMANDS.filter((c) => c.key !== "start" && (c.for.includes("everyone") || c.for.some((role) => role !== "everyone" && hasRole(ctx.member, role))));
    const english = ctx.i18n.locale === "en";
    const lines = roles.map((c) => `/${english ? c.en : c.vi} — ${ctx.t(`command-${c.key}`)}`);
    await ctx.reply([ctx.t("help-heading"), "", ...lines].join("\n").trim());
  });
  defineCommand(commands, "language", async (ctx: BotContext) => {
    if (!ctx.member) return;
    await ctx.reply(ctx.t("language-ask"), {
      reply_markup: { inline_keyboard: [[{ text: "Tiếng Việt", callback_data: languageButton.build({ locale: "vi" }) }, { text: "English", callback_data: languageButton.build({ locale: "en" }) }]] },
    });
  });
  feature.use(commands);
  feature.callbackQuery(languageButton.pattern, async (ctx) => {
    if (!ctx.member) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
    const { locale } = languageButton.read(ctx.callbackQuery.data)!;
    await MemberModel.updateOne({ _id: ctx.member._id }, { $set: { locale } });
    memberLocales.set(ctx.from.id, locale);
    // The locale lives on the member, not in a session: switch this update's translator directly.
    ctx.i18n.useLocale(locale);
    // Said once, in the message itself: a popup as well would be a second message on Zalo.
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-set")).catch(() => ctx.reply(ctx.t("language-set")));
  });
  return feature;
}
