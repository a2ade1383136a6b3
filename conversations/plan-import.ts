import type { Conversation } from "@grammyjs/conversations";
import { Api } from "grammy";
import type { BotDeps } from "../src/bot-deps.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";
import { toPlanJson } from "../src/plan/plan-json.ts";
import type { ParsedPlan } from "../src/plan/plan-types.ts";
import { megabytes } from "../src/documents/document-limits.ts";
import { readDocumentIsolated } from "../src/documents/isolated-reader.ts";
import { documentRefusal, maxBytesOf } from "../src/documents/read-document.ts";
import { formatPlanPreview, rowsWithoutMonths } from "../src/messages/plan-preview-message.ts";
import { importPlan, PlanImportError, withStoredMonths } from "../src/services/import-plan.ts";
import { unresolvedUnits } from "../src/services/plan-resolution.ts";
import { downloadTelegramFile, FileTooLargeError } from "../src/services/telegram-files.ts";
import { translatorFor, type Translate } from "../src/i18n.ts";
import { trusted } from "../src/messages/html.ts";
import { Dialogue } from "./conversation-input.ts";

/**
 * A plan sent to the bot as a file (text, .docx or corrected JSON): a preview — year, number,
 * tasks per month, units not matched to agencies, every warning — then Nhập / Hủy. Rows the
 * document gave no time can be given months here before importing.
 */
export const PLAN_IMPORT = "plan-import";

export interface PlanImportArgs {
  fileId: string;
  fileName: string;
  actor: { telegramId: number; name: string };
}

type Convo = Conversation<BotContext, ConversationContext>;

export function createPlanImport(deps: BotDeps) {
  const readDocument = deps.readDocument ?? readDocumentIsolated;
  return async function planImport(conversation: Convo, ctx: ConversationContext, args: PlanImportArgs): Promise<void> {
    const t: Translate = (key, params) => ctx.t(key, params);
    const dialogue = await Dialogue.open(conversation, { question: t("plan-chat-confirm-cancel"), label: t("button-cancel") });
    const read = await conversation.external(async () => {
      let bytes: Buffer;
      try {
        // The conversation's own Api replays its calls; a download inside external needs a plain one.
        const api = new Api(deps.config.botToken!, { apiRoot: deps.config.telegramApiRoot });
        bytes = await downloadTelegramFile(api, args.fileId, maxBytesOf("plan"), deps.config.telegramApiRoot);
      } catch (error) {
        if (error instanceof FileTooLargeError) return documentRefusal("document-too-large", { max: megabytes(error.maxBytes) });
        return documentRefusal("plan-doc-download");
      }
      // Read in a process of its own: a hostile file costs that process, never the bot.
      const document = await readDocument({ kind: "plan", fileName: args.fileName, bytes });
      if (!document.ok) return document;
      return { ...document.value, plan: await withStoredMonths(document.value.plan), unresolved: await unresolvedUnits(document.value.plan) };
    });
    if (!read.ok) return void (await ctx.reply(t(read.problem, read.params)));
    const plan: ParsedPlan = read.plan;
    if (plan.year === null) return void (await ctx.reply(t("plan-import-error-no-year")));

    for (;;) {
      const missing = rowsWithoutMonths(plan);
      dialogue.ask();
      const keyboard = [[dialogue.button(t("button-import"), "import")], ...(missing.length > 0 ? [[dialogue.button(t("button-fix-months", { count: missing.length }), "fix")]] : []), [dialogue.cancelButton(t("button-cancel"))]];
      await dialogue.question(ctx, formatPlanPreview(plan, read.unresolved, t), { reply_markup: { inline_keyboard: keyboard } });
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await input.ctx.reply(t("plan-chat-cancelled")));
      if (input.kind === "button" && input.data === "import") break;
      if (!(input.kind === "button" && input.data === "fix")) {
        await input.ctx.reply(t("report-use-buttons"));
        continue;
      }
      for (const row of missing) {
        const tasks = plan.milestones.filter((m) => m.row === row && m.months.length === 0);
        const chosen = new Set<number>();
        for (;;) {
          dialogue.ask();
          const months = Array.from({ length: 12 }, (_, i) => dialogue.button(`${chosen.has(i + 1) ? "✅" : ""}${i + 1}`, `m:${i + 1}`));
          await dialogue.question(
            ctx,
            t("plan-ask-months", { row: row ?? trusted(t("preview-unnumbered")), count: tasks.length, first: tasks[0]!.text.slice(0, 120) }),
            { reply_markup: { inline_keyboard: [months.slice(0, 6), months.slice(6), [dialogue.button(t("button-all-year"), "all"), dialogue.button(t("button-done"), "done"), dialogue.button(t("button-skip"), "skip")]] } },
          );
          const answer = await dialogue.input();
          if (answer.kind === "cancel") return void (await answer.ctx.reply(t("plan-chat-cancelled")));
          if (answer.kind === "button" && answer.data.startsWith("m:")) {
            const month = Number(answer.data.slice("m:".length));
            if (chosen.has(month)) chosen.delete(month);
            else chosen.add(month);
            continue;
          }
          if (answer.kind === "button" && answer.data === "all") {
            for (const task of tasks) Object.assign(task, { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], recurring: true });
            dialogue.holdAnswers();
            break;
          }
          if (answer.kind === "button" && answer.data === "done") {
            if (chosen.size === 0) {
              await answer.ctx.reply(t("round-choose-at-least-one"));
              continue;
            }
            for (const task of tasks) task.months = [...chosen].sort((a, b) => a - b);
            dialogue.holdAnswers();
            break;
          }
          if (answer.kind === "button" && answer.data === "skip") break;
          await answer.ctx.reply(t("report-use-buttons"));
        }
      }
      // Times given here are no longer warnings.
      plan.warnings = plan.warnings.filter((w) => !(w.code === "time-missing" || w.code === "time-unreadable") || plan.milestones.some((m) => m.row === w.row && m.months.length === 0));
    }

    const now = await conversation.external(() => deps.clock.now().getTime());
    const outcome = await conversation.external(async () => {
      try {
        // Stored with the plan as plain text, in the province's language.
        const warnings = toPlanJson(plan, translatorFor(deps.config.defaultLocale)).warnings;
        const result = await importPlan(plan, { text: read.sourceText, warnings }, { via: "chat", telegramId: args.actor.telegramId, name: args.actor.name }, new Date(now));
        return { ok: true as const, ...result };
      } catch (error) {
        if (error instanceof PlanImportError) return { ok: false as const, key: error.key };
        throw error;
      }
    });
    if (!outcome.ok) return void (await ctx.reply(t(outcome.key)));
    const lines = [t(`plan-import-${outcome.outcome}`, { title: plan.title ?? "", id: outcome.planId })];
    if (outcome.outcome !== "unchanged") lines.push(t("plan-import-counts", { ...outcome.milestones }));
    if (outcome.unresolvedUnits.length > 0) lines.push(t("plan-chat-unresolved", { count: outcome.unresolvedUnits.length }));
    await ctx.reply(lines.join("\n"));
  };
}
