import { Composer } from "grammy";
import { AgencyModel } from "../../models/agency.ts";
import { MemberModel } from "../../models/member.ts";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { translatorFor } from "../i18n.ts";
import { agencyListHtml, memberListHtml, unmatchedUnitsHtml } from "../messages/directory-messages.ts";
import { mergeAgency, renameAgency, retireAgency } from "../services/agency-changes.ts";
import { addAgency, addAlias, DirectoryError, revokeMember, unmatchedPlanUnits } from "../services/directory-admin.ts";
import { TextRefused } from "../text/clean-text.ts";
import { formatCalendarDate, localDate } from "../time/calendar.ts";
import { readLocalDate } from "../time/local-dates.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { replyLong } from "../chat/reply-long.ts";
import { actsForSecretariat, refuseView } from "../chat/roles.ts";

/**
 * /coquan (/agencies): list, add an agency, add a name plans use for it, see unmatched plan
 * units. /thanhvien (/members): who joined, and revoking someone. Secretariat only.
 */
export function directoryFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  const args = (ctx: BotContext) => (typeof ctx.match === "string" ? ctx.match.trim() : "");
  const actor = (ctx: BotContext) => ({ via: "chat" as const, telegramId: ctx.from!.id, name: ctx.member!.displayName });
  const guard = (handler: (ctx: BotContext) => Promise<void>) => async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx)) return refuseView(ctx);
    try {
      await handler(ctx);
    } catch (error) {
      if (error instanceof DirectoryError) return void (await ctx.reply(ctx.t(error.key, error.params)));
      if (error instanceof TextRefused) return void (await ctx.reply(ctx.t(error.key)));
      throw error;
    }
  };

  defineCommand(
    commands,
    "agencies",
    guard(async (ctx) => {
      const [action = "", ...rest] = args(ctx).split(/\s+/);
      const fields = rest.join(" ").split("|").map((part) => part.trim());
      const now = deps.clock.now();
      if (/^(them|thêm|add)$/i.test(action)) {
        const added = await addAgency({ code: fields[0] ?? "", name: fields[1] ?? "", kind: fields[2] ?? "department" }, actor(ctx), now);
        return void (await ctx.reply(ctx.t("agency-added", added)));
      }
      if (/^(bidanh|bídanh|alias)$/i.test(action)) {
        return void (await ctx.reply(ctx.t("agency-alias-added", await addAlias(fields[0] ?? "", fields[1] ?? "", actor(ctx), now))));
      }
      if (/^(chuakhop|chưakhớp|unmatched)$/i.test(action)) {
        const names = await unmatchedPlanUnits();
        return replyLong(ctx, unmatchedUnitsHtml(ctx.t, names));
      }
      // The 2025 reorganisation and later changes: merge into a successor, rename, retire.
      const today = localDate(now, deps.config.timeZone);
      const words = rest.join(" ").split(/\s+/).filter(Boolean);
      const dateOr = (text: string | undefined, fallback: string) => (text ? readLocalDate(text) : fallback);
      if (/^(gop|gộp|merge)$/i.test(action)) {
        const effective = dateOr(words[2], today);
        if (!effective) return void (await ctx.reply(ctx.t("cli-error-date", { value: words[2]! })));
        if (!words[0] || !words[1]) return void (await ctx.reply(ctx.t("agencies-usage")));
        const moved = await mergeAgency(words[0], words[1], effective, actor(ctx), now);
        return void (await ctx.reply(ctx.t("agency-merged", { from: words[0].toUpperCase(), into: words[1].toUpperCase(), date: formatCalendarDate(effective), ...moved })));
      }
      if (/^(doiten|đổitên|rename)$/i.test(action)) {
        const { before, after } = await renameAgency(fields[0] ?? "", fields[1] ?? "", actor(ctx), now);
        return void (await ctx.reply(ctx.t("agency-renamed", { code: (fields[0] ?? "").trim().toUpperCase(), before, after })));
      }
      if (/^(ngung|ngừng|retire)$/i.test(action)) {
        const lastDay = dateOr(words[1], today);
        if (!lastDay) return void (await ctx.reply(ctx.t("cli-error-date", { value: words[1]! })));
        if (!words[0]) return void (await ctx.reply(ctx.t("agencies-usage")));
        await retireAgency(words[0], lastDay, actor(ctx), now);
        return void (await ctx.reply(ctx.t("agency-retired", { code: words[0].toUpperCase(), date: formatCalendarDate(lastDay) })));
      }
      if (action) return void (await ctx.reply(ctx.t("agencies-usage")));
      const agencies = await AgencyModel.find({ active: true }).sort({ bloc: 1, code: 1 }).lean();
      await replyLong(ctx, agencyListHtml(ctx.t, agencies.map((a) => ({ code: a.code, name: a.name, bloc: a.bloc ? String(a.bloc) : null }))));
    }),
  );

  defineCommand(
    commands,
    "members",
    guard(async (ctx) => {
      const [action = "", id = ""] = args(ctx).split(/\s+/);
      if (/^(thuhoi|thuhồi|revoke)$/i.test(action)) {
        if (!/^\d+$/.test(id)) return void (await ctx.reply(ctx.t("members-usage")));
        const name = await revokeMember(Number(id), actor(ctx), deps.clock.now());
        return void (await ctx.reply(ctx.t("member-revoked", { name })));
      }
      const members = await MemberModel.find().sort({ status: 1, displayName: 1 }).lean();
      const agencies = new Map((await AgencyModel.find().lean()).map((a) => [String(a._id), a.code]));
      const plain = translatorFor(ctx.i18n.locale);
      const lines = members.map((m) => ({
        name: m.displayName,
        chatId: m.telegramId,
        roles: m.roles.map((r) => `${plain(`role-name-${r.role}`)}${r.agency ? ` ${agencies.get(String(r.agency)) ?? ""}` : ""}`).join(", "),
        status: m.status === "active" ? "" : plain(`member-status-${m.status}`),
      }));
      await replyLong(ctx, memberListHtml(ctx.t, lines));
    }),
  );
  feature.use(commands);
  return feature;
}
