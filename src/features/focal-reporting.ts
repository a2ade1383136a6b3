import { Composer } from "grammy";
import { MilestoneModel } from "../../models/milestone.ts";
import { OutboxMessageModel } from "../../models/outbox-message.ts";
import { PROGRESS_REPORT, type ProgressReportArgs } from "../../conversations/progress-report.ts";
import type { BotDeps } from "../bot-deps.ts";
import { readReportButton, REPORT_BUTTON_PATTERN } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { roleOf } from "../followup/due-milestones.ts";
import { meansDone } from "../followup/report-input.ts";
import { loadMilestoneViews } from "../services/follow-up-data.ts";
import { compareMonths, parsePeriod, periodKey, yearMonthAt } from "../time/calendar.ts";
import { commandGroup, defineCommand } from "./define-command.ts";
import { focalAgency } from "./roles.ts";

/**
 * The ways into a progress report: /baocao, a milestone's button under the push or a reminder,
 * or simply replying to that message ("Đã xong").
 */
export function focalReportingFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const currentPeriod = () => periodKey(yearMonthAt(deps.clock.now(), deps.config.timeZone));
  const reporter = (ctx: BotContext) => ({ memberId: String(ctx.member!._id), telegramId: ctx.from!.id, name: ctx.member!.displayName });
  const enter = (ctx: BotContext, args: ProgressReportArgs) => ctx.conversation.enter(PROGRESS_REPORT, args);

  const commands = commandGroup();
  defineCommand(commands, "report", async (ctx: BotContext) => {
    const agencyId = focalAgency(ctx);
    if (!agencyId || ctx.chat?.type !== "private") {
      await ctx.reply(ctx.t("focal-only"));
      return;
    }
    await enter(ctx, { agencyId, period: currentPeriod(), reporter: reporter(ctx) });
  });
  defineCommand(commands, "cancel", async (ctx: BotContext) => {
    await ctx.reply(ctx.t("nothing-to-cancel"));
  });
  feature.use(commands);

  // A milestone's button: checked again here, since a payload is a request, never a permission.
  feature.callbackQuery(REPORT_BUTTON_PATTERN, async (ctx) => {
    const target = readReportButton(ctx.callbackQuery.data);
    const agencyId = focalAgency(ctx);
    const stale = async () => ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });
    if (!target || !agencyId || ctx.chat?.type !== "private") return stale();
    const month = parsePeriod(target.period)!;
    const now = yearMonthAt(deps.clock.now(), deps.config.timeZone);
    if (compareMonths(month, now) > 0 || month.year !== now.year) return stale();
    const milestone = (await loadMilestoneViews(month.year)).find((m) => m.id === target.milestoneId);
    if (!milestone || roleOf(milestone, agencyId) === null) return stale();
    await ctx.answerCallbackQuery();
    await enter(ctx, { agencyId, period: target.period, reporter: reporter(ctx), milestoneId: milestone.id });
  });

  // Replying to the push or a reminder leads into the report on what that message listed.
  feature.on("message", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    const agencyId = focalAgency(ctx);
    if (!replied || replied.from?.id !== ctx.me.id || !agencyId || ctx.chat.type !== "private") return next();
    const sent = await OutboxMessageModel.findOne({ chatId: ctx.chat.id, sentMessageId: replied.message_id }).lean();
    const listed = (sent?.about?.milestones ?? []).map(String);
    if (!sent || listed.length === 0 || String(sent.about?.agency) !== agencyId) return next();
    const live = await MilestoneModel.find({ _id: { $in: listed }, retiredAt: null }).select({ _id: 1 }).lean();
    const ids = live.map((m) => String(m._id));
    if (ids.length === 0) return next();
    const statusHint = ctx.message.text && meansDone(ctx.message.text) ? "done" : null;
    await enter(ctx, {
      agencyId,
      period: sent.about?.period ?? currentPeriod(),
      reporter: reporter(ctx),
      milestoneId: ids.length === 1 ? ids[0] : null,
      onlyMilestoneIds: ids,
      statusHint,
    });
  });
  return feature;
}
