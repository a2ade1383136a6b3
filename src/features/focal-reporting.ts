import { Composer } from "grammy";
import { MilestoneModel } from "../../models/milestone.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { PROGRESS_REPORT, type ProgressReportArgs } from "../../conversations/progress-report.ts";
import type { BotDeps } from "../bot-deps.ts";
import { reportButton, reportMonthButton } from "../chat/callback-data.ts";
import type { BotContext } from "../context.ts";
import { roleOf } from "../followup/due-milestones.ts";
import { meansDone } from "../followup/report-input.ts";
import { isFuture, isReportable, readMonth, reportablePeriods } from "../followup/reportable-periods.ts";
import { loadMilestoneView } from "../services/follow-up-data.ts";
import { unansweredCounts } from "../services/report-choices.ts";
import { parsePeriod, periodKey } from "../time/calendar.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { focalAgency } from "../chat/roles.ts";

/**
 * The ways into a progress report: /baocao (with a month, or choosing one when last month still
 * has open work), a milestone's button under the push or a reminder, or replying to that message
 * ("Đã xong"). All of them ask the same rule which months are still open.
 */
export function focalReportingFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const { timeZone, reportableMonths } = deps.config;
  const open = () => reportablePeriods(deps.clock.now(), timeZone, reportableMonths);
  const reportable = (period: string) => isReportable(period, deps.clock.now(), timeZone, reportableMonths);
  const monthLabel = (period: string) => {
    const month = parsePeriod(period)!;
    return `${month.month}/${month.year}`;
  };
  const closedMessage = (ctx: BotContext, period: string) =>
    ctx.t("report-period-closed", { month: monthLabel(period), open: open().map(monthLabel).join(", ") });
  const reporter = (ctx: BotContext) => ({ memberId: String(ctx.member!._id), telegramId: ctx.from!.id, name: ctx.member!.displayName });
  const enter = (ctx: BotContext, args: ProgressReportArgs) => ctx.conversation.enter(PROGRESS_REPORT, args);

  const commands = commandGroup();
  defineCommand(commands, "report", async (ctx: BotContext) => {
    const agencyId = focalAgency(ctx);
    if (!agencyId || ctx.chat?.type !== "private") {
      await ctx.reply(ctx.t("focal-only"));
      return;
    }
    const typed = typeof ctx.match === "string" ? ctx.match.trim() : "";
    if (typed) {
      const month = readMonth(typed);
      if (!month) return void (await ctx.reply(ctx.t("report-bad-month", { value: typed, example: monthLabel(open()[0]!) })));
      const period = periodKey(month);
      if (!reportable(period)) return void (await ctx.reply(closedMessage(ctx, period)));
      return enter(ctx, { agencyId, period, reporter: reporter(ctx) });
    }
    const [current, ...earlier] = open();
    const pending = (await unansweredCounts(agencyId, earlier)).filter((entry) => entry.unanswered > 0);
    if (pending.length === 0) return enter(ctx, { agencyId, period: current!, reporter: reporter(ctx) });
    // Last month still has open work: ask which month this report is for.
    const choices = [...pending, { period: current!, unanswered: -1 }].map(({ period, unanswered }) => [
      {
        text: unanswered >= 0 ? ctx.t("report-month-open", { month: monthLabel(period), count: unanswered }) : ctx.t("report-month-current", { month: monthLabel(period) }),
        callback_data: reportMonthButton.build(period),
      },
    ]);
    await ctx.reply(ctx.t("report-which-month"), { reply_markup: { inline_keyboard: choices } });
  });
  defineCommand(commands, "cancel", async (ctx: BotContext) => {
    await ctx.reply(ctx.t("nothing-to-cancel"));
  });
  feature.use(commands);

  feature.callbackQuery(reportMonthButton.pattern, async (ctx) => {
    const period = reportMonthButton.read(ctx.callbackQuery.data);
    const agencyId = focalAgency(ctx);
    if (!period || !agencyId || ctx.chat?.type !== "private") return void (await ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true }));
    if (!reportable(period)) return void (await ctx.answerCallbackQuery({ text: closedMessage(ctx, period), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await enter(ctx, { agencyId, period, reporter: reporter(ctx) });
  });

  // A milestone's button: checked again here, since a payload is a request, never a permission.
  feature.callbackQuery(reportButton.pattern, async (ctx) => {
    const target = reportButton.read(ctx.callbackQuery.data);
    const agencyId = focalAgency(ctx);
    const stale = async () => ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });
    if (!target || !agencyId || ctx.chat?.type !== "private" || isFuture(target.period, deps.clock.now(), timeZone)) return stale();
    if (!reportable(target.period)) return ctx.answerCallbackQuery({ text: closedMessage(ctx, target.period), show_alert: true });
    const milestone = await loadMilestoneView(target.milestoneId);
    if (!milestone || milestone.year !== parsePeriod(target.period)!.year || roleOf(milestone, agencyId) === null) return stale();
    await ctx.answerCallbackQuery();
    await enter(ctx, { agencyId, period: target.period, reporter: reporter(ctx), milestoneId: milestone.id, statusHint: target.saidDone ? "done" : null });
  });

  // Replying to the push or a reminder leads into the report on what that message listed.
  feature.on("message", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    const agencyId = focalAgency(ctx);
    if (!replied || replied.from?.id !== ctx.me.id || !agencyId || ctx.chat.type !== "private") return next();
    const sent = await OutboxMessageModel.findOne({ chatId: ctx.chat.id, sentMessageId: replied.message_id }).lean();
    const listed = (sent?.about?.milestones ?? []).map(String);
    const period = sent?.about?.period;
    if (!sent || !period || listed.length === 0 || String(sent.about?.agency) !== agencyId) return next();
    if (!reportable(period)) return void (await ctx.reply(closedMessage(ctx, period)));
    const live = await MilestoneModel.find({ _id: { $in: listed }, retiredAt: null }).select({ _id: 1 }).lean();
    const ids = live.map((m) => String(m._id));
    if (ids.length === 0) return next();
    const statusHint = ctx.message.text && meansDone(ctx.message.text) ? "done" : null;
    await enter(ctx, {
      agencyId,
      period,
      reporter: reporter(ctx),
      milestoneId: ids.length === 1 ? ids[0] : null,
      onlyMilestoneIds: ids,
      statusHint,
    });
  });
  return feature;
}
