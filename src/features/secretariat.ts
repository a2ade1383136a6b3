import { Composer, InputFile } from "grammy";
import { withExcelFile } from "../reports/excel-file.ts";
import { loadExportData } from "../services/export-data.ts";
import { jobContext } from "../../jobs/context-from-config.ts";
import { runReminders } from "../../jobs/reminders.ts";
import type { BotDeps } from "../bot-deps.ts";
import type { BotContext } from "../context.ts";
import { translatorFor } from "../i18n.ts";
import { bindSecretariatChat } from "../services/secretariat-chat.ts";
import { agencyStatusHtml, monthStatusHtml, overdueHtml, silentAgenciesHtml } from "../services/status-reports.ts";
import { readMonth } from "../followup/reportable-periods.ts";
import { failedDeliveriesHtml } from "../messages/delivery-messages.ts";
import { failedDeliveries } from "../services/failed-deliveries.ts";
import { formatLocalDateTime, localDate, periodKey, yearMonthAt, type YearMonth } from "../time/calendar.ts";
import { remindNowButton } from "../chat/callback-data.ts";
import { setGroupMenu } from "../chat/command-menu.ts";
import { commandGroup, defineCommand } from "../chat/define-command.ts";
import { chatKindOf, dashboardKeyboard } from "../chat/dashboard-buttons.ts";
import { replyLong, replyLongWithOptionalKeyboard } from "../chat/reply-long.ts";
import { actsForSecretariat, maySeeSecretariatViews, refuseView } from "../chat/roles.ts";

/**
 * The secretariat's commands: where things stand (/tinhhinh, /chuabaocao, /quahan), reminding
 * the silent now (/nhacnho, after a confirmation), and binding its group (/gannhom).
 */
export function secretariatFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const commands = commandGroup();
  const query = (ctx: BotContext, month?: YearMonth) => ({ now: deps.clock.now(), timeZone: deps.config.timeZone, t: ctx.t, month });
  /** "/tinhhinh SNV 12/2026": the last word may name a month; the rest is the command's own argument. */
  const withMonth = async (ctx: BotContext, view: (month: YearMonth | undefined, rest: string) => Promise<void>) => {
    const words = (typeof ctx.match === "string" ? ctx.match.trim() : "").split(/\s+/).filter(Boolean);
    const last = words.at(-1);
    const month = last ? readMonth(last) : null;
    if (last && !month && /^\d/.test(last) && /[/-]/.test(last)) return void (await ctx.reply(ctx.t("bad-month-argument", { value: last, example: exampleMonth() })));
    await view(month ?? undefined, (month ? words.slice(0, -1) : words).join(" "));
  };
  const exampleMonth = () => {
    const now = yearMonthAt(deps.clock.now(), deps.config.timeZone);
    return `${now.month}/${now.year}`;
  };
  const guarded = (view: (ctx: BotContext) => Promise<void>) => async (ctx: BotContext) => {
    if (!maySeeSecretariatViews(ctx)) return refuseView(ctx);
    await view(ctx);
  };

  defineCommand(
    commands,
    "status",
    guarded((ctx) =>
      withMonth(ctx, async (month, agency) => {
        const html = agency ? await agencyStatusHtml({ ...query(ctx, month), agency }) : await monthStatusHtml(query(ctx, month));
        // The whole year, every agency's reports and evidence: a button to the dashboard under it.
        const kind = chatKindOf(ctx.chat);
        await replyLongWithOptionalKeyboard(ctx, html, kind ? dashboardKeyboard(kind, deps.config.dashboard?.publicBaseUrl, ctx.t("dashboard-button-open")) : undefined);
      }),
    ),
  );
  defineCommand(commands, "missing", guarded((ctx) => withMonth(ctx, async (month) => replyLong(ctx, await silentAgenciesHtml(query(ctx, month))))));
  defineCommand(commands, "overdue", guarded((ctx) => withMonth(ctx, async (month) => replyLong(ctx, await overdueHtml(query(ctx, month))))));
  defineCommand(
    commands,
    "export",
    guarded(async (ctx) => {
      const requested = typeof ctx.match === "string" ? ctx.match.trim() : "";
      const month = requested ? readMonth(requested) : yearMonthAt(deps.clock.now(), deps.config.timeZone);
      if (!month) return void (await ctx.reply(ctx.t("bad-month-argument", { value: requested, example: exampleMonth() })));
      // A spreadsheet is plain text: its translator escapes nothing.
      const t = translatorFor(ctx.i18n.locale);
      const name = `bao-cao-thi-dua-${periodKey(month)}.xlsx`;
      const caption = ctx.t("export-caption", { month: String(month.month), year: String(month.year) });
      await withExcelFile(await loadExportData(month, deps.config.timeZone), t, deps.config.timeZone, (path) => ctx.replyWithDocument(new InputFile(path, name), { caption }));
    }),
  );
  defineCommand(
    commands,
    "failed",
    guarded(async (ctx) => {
      const now = deps.clock.now();
      const failed = await failedDeliveries(new Date(now.getTime() - 30 * 86_400_000));
      await replyLong(ctx, failedDeliveriesHtml(ctx.t, failed.map((item) => ({ ...item, at: formatLocalDateTime(item.at, deps.config.timeZone) }))));
    }),
  );
  defineCommand(
    commands,
    "remind",
    guarded(async (ctx) => {
      if (!actsForSecretariat(ctx)) return refuseView(ctx);
      const period = periodKey(yearMonthAt(deps.clock.now(), deps.config.timeZone));
      await ctx.reply(ctx.t("remind-confirm"), {
        reply_markup: { inline_keyboard: [[{ text: ctx.t("button-remind-yes"), callback_data: remindNowButton.build({ period }) }, { text: ctx.t("button-remind-no"), callback_data: remindNowButton.build("no") }]] },
      });
    }),
  );
  defineCommand(commands, "bind", async (ctx: BotContext) => {
    if (!actsForSecretariat(ctx)) return refuseView(ctx);
    if (ctx.chat?.type === "private") {
      await ctx.reply(ctx.t("bind-in-group"));
      return;
    }
    await bindSecretariatChat(ctx.chat!.id, ctx.from!.id);
    await setGroupMenu(ctx.api, ctx.chat!.id).catch(() => undefined);
    await ctx.reply(ctx.t("bind-done"));
  });
  feature.use(commands);

  feature.callbackQuery(remindNowButton.pattern, async (ctx) => {
    if (!actsForSecretariat(ctx)) {
      await ctx.answerCallbackQuery({ text: ctx.t("secretariat-only"), show_alert: true });
      return;
    }
    const choice = remindNowButton.read(ctx.callbackQuery.data)!;
    const now = deps.clock.now();
    if (choice === "no" || choice.period !== periodKey(yearMonthAt(now, deps.config.timeZone))) {
      await ctx.answerCallbackQuery({ text: choice === "no" ? ctx.t("remind-cancelled") : ctx.t("button-stale") });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const result = await runReminders({ ...jobContext(deps.config, now), lastOfMonth: false, keyPrefix: `remind-now:${localDate(now, deps.config.timeZone)}` });
    deps.wakeOutbox();
    await ctx.reply(result.enqueued > 0 ? ctx.t("remind-sent", { count: result.enqueued }) : ctx.t("remind-nothing", { already: result.alreadyQueued }));
  });
  return feature;
}
