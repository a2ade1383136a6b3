import type { Conversation } from "@grammyjs/conversations";
import type { BotDeps } from "../src/bot-deps.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";
import { PROGRESS_STATUSES, type ProgressStatus } from "../src/followup/milestone-view.ts";
import { NOTE_LIMIT, readPercent } from "../src/followup/report-input.ts";
import { escapeHtml, shorten } from "../src/messages/html.ts";
import { describeMonths } from "../src/plan/describe-months.ts";
import { announceReport } from "../src/services/group-notices.ts";
import { submitProgressReport } from "../src/services/progress-reports.ts";
import { loadReportChoices, type ReportChoice } from "../src/services/report-choices.ts";
import { button, nextInput } from "./conversation-input.ts";

/**
 * The progress report, as a dialogue: milestone → status → percent (not for "done") → note →
 * evidence → summary with Confirm / Edit / Cancel. Bad answers get a short explanation and the
 * same question again. Nothing is saved until the officer confirms.
 */
export const PROGRESS_REPORT = "progress-report";

export interface ProgressReportArgs {
  agencyId: string;
  period: string;
  reporter: { memberId: string; telegramId: number; name: string };
  /** Start on this milestone (a button or a reply to a reminder named it). */
  milestoneId?: string | null;
  /** Offer only these (a reply to a reminder listing several). */
  onlyMilestoneIds?: string[] | null;
  /** The reply said "Đã xong": take the status as given. */
  statusHint?: "done" | null;
}

const PAGE = 8;

interface Draft {
  milestone: ReportChoice;
  status: ProgressStatus | null;
  percent: number;
  note: string;
  evidence: { kind: "photo" | "document"; fileId: string; fileUniqueId: string; fileName: string | null; mimeType: string | null } | null;
}

type Convo = Conversation<BotContext, ConversationContext>;

export function createProgressReport(deps: BotDeps) {
  return async function progressReport(conversation: Convo, ctx: ConversationContext, args: ProgressReportArgs): Promise<void> {
    const t = (key: string, params?: Record<string, string | number>) => ctx.t(key, params);
    const [year, month] = args.period.split("-");
    const all = await conversation.external(() => loadReportChoices(args.agencyId, args.period));
    const choices = args.onlyMilestoneIds?.length ? all.filter((c) => args.onlyMilestoneIds!.includes(c.id)) : all;
    if (choices.length === 0) {
      await ctx.reply(t("report-no-milestones", { year: year! }));
      return;
    }

    const cancelled = async (input: { ctx: ConversationContext }) => {
      await input.ctx.reply(t("report-cancelled"));
    };

    // Step 1: which milestone.
    let milestone = choices.find((c) => c.id === args.milestoneId) ?? (choices.length === 1 ? choices[0]! : null);
    let showAll = false;
    let page = 0;
    while (!milestone) {
      const pool = showAll ? choices : choices.filter((c) => c.dueThisMonth);
      const list = pool.length > 0 ? pool : choices;
      const shown = list.slice(page * PAGE, page * PAGE + PAGE);
      const lines = [t("report-choose", { month: String(Number(month)), year: year! }), ""];
      shown.forEach((choice, i) => lines.push(`${page * PAGE + i + 1}. ${escapeHtml(shorten(choice.text, 140))}${choice.current ? " ✔️" : ""}`));
      const rows = shown.map((choice, i) => [button(`${page * PAGE + i + 1}. ${shorten(choice.text, 40)}`, `pick:${choice.id}`)]);
      const more = [];
      if (page * PAGE + PAGE < list.length) more.push(button(t("button-more"), "page"));
      if (!showAll && choices.some((c) => !c.dueThisMonth)) more.push(button(t("button-other-milestones"), "all"));
      more.push(button(t("button-cancel"), "cancel"));
      await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: { inline_keyboard: [...rows, more] } });
      const input = await nextInput(conversation);
      if (input.kind === "cancel") return cancelled(input);
      if (input.kind === "button" && input.data.startsWith("c:pick:")) {
        milestone = choices.find((c) => c.id === input.data.slice("c:pick:".length)) ?? null;
      } else if (input.kind === "button" && input.data === "c:page") {
        page++;
      } else if (input.kind === "button" && input.data === "c:all") {
        showAll = true;
        page = 0;
      } else {
        await input.ctx.reply(t("report-use-buttons"));
      }
    }

    const draft: Draft = { milestone, status: args.statusHint ?? null, percent: 0, note: "", evidence: null };
    const header = () =>
      `<b>${t("report-milestone")}</b> ${escapeHtml(shorten(draft.milestone.text, 300))} <i>(${escapeHtml(describeMonths(draft.milestone, t))})</i>`;

    for (;;) {
      // Step 2: status.
      while (draft.status === null) {
        const keyboard = PROGRESS_STATUSES.map((status) => [button(t(`status-${status}`), `st:${status}`)]);
        await ctx.reply(`${header()}\n\n${t("report-ask-status")}`, { parse_mode: "HTML", reply_markup: { inline_keyboard: [...keyboard, [button(t("button-cancel"), "cancel")]] } });
        const input = await nextInput(conversation);
        if (input.kind === "cancel") return cancelled(input);
        const chosen = input.kind === "button" ? PROGRESS_STATUSES.find((s) => input.data === `c:st:${s}`) : undefined;
        if (chosen) draft.status = chosen;
        else await input.ctx.reply(t("report-use-buttons"));
      }

      // Step 3: percent, unless done.
      if (draft.status === "done") draft.percent = 100;
      else {
        let percent: number | null = null;
        await ctx.reply(t("report-ask-percent"), {
          reply_markup: { inline_keyboard: [[0, 25, 50, 75].map((p) => button(`${p}%`, `pct:${p}`)), [button(t("button-cancel"), "cancel")]] },
        });
        while (percent === null) {
          const input = await nextInput(conversation);
          if (input.kind === "cancel") return cancelled(input);
          if (input.kind === "button" && input.data.startsWith("c:pct:")) percent = Number(input.data.slice("c:pct:".length));
          else if (input.kind === "text") {
            const reading = readPercent(input.text);
            if (reading.ok) percent = reading.value;
            else await input.ctx.reply(t(`report-bad-percent-${reading.problem}`));
          } else await input.ctx.reply(t("report-bad-percent-not-a-number"));
        }
        draft.percent = percent;
      }

      // Step 4: note (optional).
      await ctx.reply(t("report-ask-note", { limit: NOTE_LIMIT }), { reply_markup: { inline_keyboard: [[button(t("button-skip"), "skip"), button(t("button-cancel"), "cancel")]] } });
      for (;;) {
        const input = await nextInput(conversation);
        if (input.kind === "cancel") return cancelled(input);
        if (input.kind === "button" && input.data === "c:skip") {
          draft.note = "";
          break;
        }
        if (input.kind === "text") {
          const note = input.text.trim();
          if (note.length > NOTE_LIMIT) await input.ctx.reply(t("report-bad-note-too-long", { length: note.length, limit: NOTE_LIMIT }));
          else {
            draft.note = note;
            break;
          }
        } else await input.ctx.reply(t("report-bad-note-not-text"));
      }

      // Step 5: evidence (optional).
      await ctx.reply(t("report-ask-evidence"), { reply_markup: { inline_keyboard: [[button(t("button-skip"), "skip"), button(t("button-cancel"), "cancel")]] } });
      for (;;) {
        const input = await nextInput(conversation);
        if (input.kind === "cancel") return cancelled(input);
        if (input.kind === "button" && input.data === "c:skip") {
          draft.evidence = null;
          break;
        }
        if (input.kind === "photo") {
          draft.evidence = { kind: "photo", fileId: input.fileId, fileUniqueId: input.fileUniqueId, fileName: null, mimeType: null };
          break;
        }
        if (input.kind === "document") {
          draft.evidence = { kind: "document", fileId: input.fileId, fileUniqueId: input.fileUniqueId, fileName: input.fileName, mimeType: input.mimeType };
          break;
        }
        await input.ctx.reply(t("report-bad-evidence"));
      }

      // Step 6: summary, then confirm, edit or cancel.
      const summary = [
        header(),
        `<b>${t("report-status")}</b> ${t(`status-${draft.status}`)}${draft.status === "done" ? "" : ` — ${draft.percent}%`}`,
        `<b>${t("report-note")}</b> ${draft.note ? escapeHtml(draft.note) : t("report-none")}`,
        `<b>${t("report-evidence")}</b> ${draft.evidence ? escapeHtml(draft.evidence.fileName ?? t("report-photo")) : t("report-none")}`,
      ].join("\n");
      await ctx.reply(`${summary}\n\n${t("report-confirm-question")}`, {
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [[button(t("button-confirm"), "ok"), button(t("button-edit"), "edit"), button(t("button-cancel"), "cancel")]] },
      });
      let decision: "ok" | "edit" | null = null;
      while (decision === null) {
        const input = await nextInput(conversation);
        if (input.kind === "cancel") return cancelled(input);
        if (input.kind === "button" && input.data === "c:ok") decision = "ok";
        else if (input.kind === "button" && input.data === "c:edit") decision = "edit";
        else await input.ctx.reply(t("report-use-buttons"));
      }
      if (decision === "edit") {
        draft.status = null;
        continue;
      }

      const now = await conversation.external(() => deps.clock.now().getTime());
      const saved = await conversation.external(async () => {
        const result = await submitProgressReport(
          {
            milestoneId: draft.milestone.id,
            agencyId: args.agencyId,
            period: args.period,
            status: draft.status!,
            percent: draft.percent,
            note: draft.note,
            attachments: draft.evidence ? [draft.evidence] : [],
            reporter: args.reporter,
          },
          new Date(now),
        );
        await announceReport(result, { status: draft.status!, percent: draft.percent }, deps, new Date(now));
        return result;
      });
      await ctx.reply(t("report-saved", { version: saved.version }));
      return;
    }
  };
}
