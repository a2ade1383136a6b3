import { Composer } from "grammy";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { NOMINATION, type NominationArgs } from "../../conversations/nomination.ts";
import { OPEN_ROUND, type OpenRoundArgs } from "../../conversations/open-round.ts";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { maySubmit } from "../nominations/round-window.ts";
import { hasRole } from "../services/members.ts";
import { closeRound, extendRound, findRound, reopenForAgency, RoundError, roundWindowOf } from "../services/nomination-rounds.ts";
import { announceReopen, noticeContextFrom, roundTotalsHtml } from "../services/round-notices.ts";
import { readDeadlineWithCalendar } from "../services/working-calendar.ts";
import { formatLocalDateTime, yearMonthAt } from "../time/calendar.ts";
import { nominateButton, roundCloseButton, roundTotalsButton } from "../chat/callback-data.ts";
import { trusted } from "../messages/html.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { replyLong } from "../chat/reply-long.ts";
import { actsForSecretariat, focalAgency, maySeeSecretariatViews, refuseView } from "../chat/roles.ts";

/** Nomination rounds in chat: the officer's button, /khenthuong totals, /modot to open one. */
export function nominationsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();

  const showTotals = async (ctx: BotContext, reference: string) => {
    const round = await findRound(reference);
    if (!round) return void (await ctx.reply(ctx.t("round-error-unknown", { round: reference })));
    await replyLong(ctx, await roundTotalsHtml(round, deps.clock.now(), deps.config.timeZone, (key, params) => ctx.t(key, params)));
  };
  const mayReadTotals = (ctx: BotContext) => hasRole(ctx.member, "leader") || maySeeSecretariatViews(ctx);

  defineCommand(commands, "nominations", async (ctx: BotContext) => {
    if (!mayReadTotals(ctx)) return refuseView(ctx);
    const reference = typeof ctx.match === "string" ? ctx.match.trim() : "";
    if (reference) return showTotals(ctx, reference);
    const rounds = await NominationRoundModel.find().sort({ status: -1, deadline: -1 }).limit(10).lean();
    if (rounds.length === 0) return void (await ctx.reply(ctx.t("round-none")));
    if (rounds.filter((r) => r.status === "open").length === 1 && rounds[0]!.status === "open") return showTotals(ctx, String(rounds[0]!.seq));
    await ctx.reply(ctx.t("round-pick"), {
      reply_markup: {
        inline_keyboard: rounds.map((r) => [
          { text: `${r.status === "open" ? "🟢" : "⚪"} ${ctx.t("round-short", { seq: r.seq })}: ${r.title}`.slice(0, 60), callback_data: roundTotalsButton.build({ seq: r.seq }) },
        ]),
      },
    });
  });
  feature.callbackQuery(roundTotalsButton.pattern, async (ctx) => {
    if (!mayReadTotals(ctx)) return refuseView(ctx);
    await ctx.answerCallbackQuery();
    await showTotals(ctx, String(roundTotalsButton.read(ctx.callbackQuery.data)!.seq));
  });

  defineCommand(commands, "new-round", async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx) || ctx.chat?.type !== "private") return void (await ctx.reply(ctx.t(ctx.chat?.type === "private" ? "secretariat-only" : "invite-in-private")));
    const args: OpenRoundArgs = { actor: { telegramId: ctx.from!.id, name: ctx.member!.displayName } };
    await ctx.conversation.enter(OPEN_ROUND, args);
  });
  defineCommand(commands, "round", async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx)) return refuseView(ctx);
    const [action = "", reference = "", ...rest] = (typeof ctx.match === "string" ? ctx.match.trim() : "").split(/\s+/);
    const now = deps.clock.now();
    const actor = { via: "chat" as const, telegramId: ctx.from!.id, name: ctx.member!.displayName };
    const date = (words: string[]) => (words.length > 0 ? readDeadlineWithCalendar(words.join(" "), now, deps.config.timeZone) : Promise.resolve(null));
    try {
      let round;
      const extendTo = /^(giahan|extend)$/i.test(action) ? await date(rest) : null;
      const reopenUntil = /^(molai|reopen)$/i.test(action) && rest[0] ? await date(rest.slice(1)) : null;
      if (extendTo) round = await extendRound(reference, extendTo, actor, now);
      else if (/^(ketthuc|close)$/i.test(action) && reference) {
        // Closing ends every agency's chance to report: asked about once.
        const found = await findRound(reference);
        if (!found) throw new RoundError("round-error-unknown", { round: reference });
        return void (await ctx.reply(ctx.t("round-close-confirm", { seq: found.seq, title: found.title }), {
          reply_markup: { inline_keyboard: [[{ text: ctx.t("button-round-close", { seq: found.seq }), callback_data: roundCloseButton.build({ seq: found.seq }) }, { text: ctx.t("button-remind-no"), callback_data: roundCloseButton.build("no") }]] },
        }));
      } else if (reopenUntil) {
        round = await reopenForAgency(reference, rest[0]!, reopenUntil, actor, now);
        await announceReopen(round, rest[0]!, reopenUntil, noticeContextFrom(deps.config, now));
        deps.wakeOutbox();
      } else return void (await ctx.reply(ctx.t("round-usage", { year: String(yearMonthAt(now, deps.config.timeZone).year) })));
      await ctx.reply(ctx.t("round-changed", { seq: round.seq, status: trusted(ctx.t(round.status === "open" ? "round-status-open" : "round-status-closed")), deadline: formatLocalDateTime(round.deadline, deps.config.timeZone) }));
    } catch (error) {
      if (error instanceof RoundError) return void (await ctx.reply(ctx.t(error.key, error.params)));
      throw error;
    }
  });
  feature.use(commands);

  feature.callbackQuery(roundCloseButton.pattern, async (ctx) => {
    if (!actsForSecretariat(ctx)) return void (await ctx.answerCallbackQuery({ text: ctx.t("secretariat-only"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const choice = roundCloseButton.read(ctx.callbackQuery.data)!;
    if (choice === "no") return void (await ctx.reply(ctx.t("report-cancelled")));
    const now = deps.clock.now();
    try {
      const round = await closeRound(String(choice.seq), { via: "chat", telegramId: ctx.from.id, name: ctx.member?.displayName ?? "" }, now);
      await ctx.reply(ctx.t("round-changed", { seq: round.seq, status: trusted(ctx.t("round-status-closed")), deadline: formatLocalDateTime(round.deadline, deps.config.timeZone) }));
    } catch (error) {
      if (error instanceof RoundError) return void (await ctx.reply(ctx.t(error.key, error.params)));
      throw error;
    }
  });

  // The officer's button under a round's message: checked again, as every button is.
  feature.callbackQuery(nominateButton.pattern, async (ctx) => {
    const agencyId = focalAgency(ctx);
    const round = await findRound(nominateButton.read(ctx.callbackQuery.data)!.roundId);
    if (!agencyId || !round || !round.agencies.some((id) => String(id) === agencyId) || ctx.chat?.type !== "private") {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true }));
    }
    if (!maySubmit(roundWindowOf(round), agencyId, deps.clock.now())) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("round-closed-for-you", { deadline: formatLocalDateTime(round.deadline, deps.config.timeZone) }), show_alert: true }));
    }
    await ctx.answerCallbackQuery();
    const args: NominationArgs = { roundId: String(round._id), agencyId, reporter: { memberId: String(ctx.member!._id), telegramId: ctx.from!.id, name: ctx.member!.displayName } };
    await ctx.conversation.enter(NOMINATION, args);
  });
  return feature;
}
