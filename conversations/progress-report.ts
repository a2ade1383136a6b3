import type { Conversation } from "@grammyjs/conversations";
import type { BotDeps } from "../src/bot-deps.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";
import { PROGRESS_STATUSES, type ProgressStatus } from "../src/followup/milestone-view.ts";
import { isReportable } from "../src/followup/reportable-periods.ts";
import { NOTE_LIMIT, readPercent } from "../src/followup/report-input.ts";
import type { Translate } from "../src/i18n.ts";
import { networkOf } from "../src/chat-networks.ts";
import { evidenceQuestionText, milestoneButtonLabel, milestoneChoiceText, noteQuestionText, reportHeader, reportSummaryText, statusQuestionText, type MilestoneLine } from "../src/messages/progress-report-messages.ts";
import { announceReport } from "../src/services/group-notices.ts";
import { submitProgressReport } from "../src/services/progress-reports.ts";
import { choicesKept, loadReportChoices, type ReportChoice } from "../src/services/report-choices.ts";
import { keepEvidence } from "../src/services/evidence-files.ts";
import { Dialogue } from "./conversation-input.ts";
import { cleanNote, textProblemKey } from "../src/text/clean-text.ts";

/**
 * The progress report, as a dialogue: milestone → status → percent (not for "done") → note →
 * evidence → summary with Confirm / Edit / Cancel. Bad answers get a short explanation and the
 * same question again. "Sửa" goes through the steps again keeping every answer ("Bỏ qua"
 * leaves an answer as it is, everywhere). Nothing is saved until the officer confirms, and
 * only while the month is still open for reports.
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
/**
 * Telegram splits a paste longer than one message (4,096 characters) into messages sent within a
 * second or two: a text that close after a refused part that long is its tail, not a new answer.
 * Zalo does not split, so there every message is an answer.
 */
const PASTE_GAP_SECONDS = 2;
const TELEGRAM_SPLIT_AT = 4000;

interface Evidence {
  kind: "photo" | "document";
  fileId: string;
  fileUniqueId: string;
  fileName: string | null;
  mimeType: string | null;
  /** The kept bytes, for evidence whose network does not keep it (Zalo). */
  storedFile?: string | null;
}

interface Draft {
  milestone: ReportChoice;
  status: ProgressStatus | null;
  percent: number;
  note: string;
  evidence: Evidence | null;
}

type Convo = Conversation<BotContext, ConversationContext>;

export function createProgressReport(deps: BotDeps) {
  return async function progressReport(conversation: Convo, ctx: ConversationContext, args: ProgressReportArgs): Promise<void> {
    const t: Translate = (key, params) => ctx.t(key, params);
    const [year, month] = args.period.split("-");
    const dialogue = await Dialogue.open(conversation, { question: t("report-confirm-cancel"), label: t("button-cancel") });
    const choices = await conversation.external(async () => choicesKept(await loadReportChoices(args.agencyId, args.period), args.milestoneId, args.onlyMilestoneIds));
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
      dialogue.ask();
      const pool = showAll ? choices : choices.filter((c) => c.dueThisMonth);
      const list = pool.length > 0 ? pool : choices;
      const shown = list.slice(page * PAGE, page * PAGE + PAGE);
      const numbered: MilestoneLine[] = shown.map((choice, i) => ({ number: page * PAGE + i + 1, text: choice.text, answered: choice.current !== null }));
      const rows = shown.map((choice, i) => [dialogue.button(milestoneButtonLabel(numbered[i]!), `pick:${choice.id}`)]);
      const more = [];
      if (page * PAGE + PAGE < list.length) more.push(dialogue.button(t("button-more"), "page"));
      if (!showAll && choices.some((c) => !c.dueThisMonth)) more.push(dialogue.button(t("button-other-milestones"), "all"));
      more.push(dialogue.cancelButton(t("button-cancel")));
      await dialogue.question(ctx, milestoneChoiceText(t, { month: Number(month), year: Number(year) }, numbered), { reply_markup: { inline_keyboard: [...rows, more] } });
      const input = await dialogue.input();
      if (input.kind === "cancel") return cancelled(input);
      if (input.kind === "button" && input.data.startsWith("pick:")) {
        milestone = choices.find((c) => c.id === input.data.slice("pick:".length)) ?? null;
      } else if (input.kind === "button" && input.data === "page") {
        page++;
      } else if (input.kind === "button" && input.data === "all") {
        showAll = true;
        page = 0;
      } else {
        await input.ctx.reply(t("report-use-buttons"));
      }
    }

    const draft: Draft = { milestone, status: args.statusHint ?? null, percent: 0, note: "", evidence: null };
    const header = reportHeader(t, draft.milestone);
    const removeWarning = (what: "note" | "evidence") => ({ question: t(`report-confirm-remove-${what}`), label: t("button-remove") });
    let editing = false;

    for (;;) {
      // Step 2: status (on "Sửa", the current one is marked and kept by "Bỏ qua").
      while (draft.status === null || editing) {
        dialogue.ask();
        const keyboard = PROGRESS_STATUSES.map((status) => [dialogue.button(`${editing && draft.status === status ? "✅ " : ""}${t(`status-${status}`)}`, `st:${status}`)]);
        const last = editing ? [dialogue.button(t("button-skip"), "skip"), dialogue.cancelButton(t("button-cancel"))] : [dialogue.cancelButton(t("button-cancel"))];
        await dialogue.question(ctx, statusQuestionText(t, header), { reply_markup: { inline_keyboard: [...keyboard, last] } });
        const input = await dialogue.input();
        if (input.kind === "cancel") return cancelled(input);
        const chosen = input.kind === "button" ? PROGRESS_STATUSES.find((s) => input.data === `st:${s}`) : undefined;
        if (chosen) draft.status = chosen;
        else if (!(editing && input.kind === "button" && input.data === "skip")) {
          await input.ctx.reply(t("report-use-buttons"));
          continue;
        }
        break;
      }

      // From here on, cancelling throws away the answers given: it is asked about once.
      dialogue.holdAnswers();

      // Step 3: percent, unless done.
      if (draft.status === "done") draft.percent = 100;
      else {
        dialogue.ask();
        const keep = editing ? [dialogue.button(t("button-keep-percent", { percent: draft.percent }), "skip")] : [];
        await dialogue.question(ctx, t("report-ask-percent"), {
          reply_markup: { inline_keyboard: [[0, 25, 50, 75].map((p) => dialogue.button(`${p}%`, `pct:${p}`)), [...keep, dialogue.cancelButton(t("button-cancel"))]] },
        });
        let percent: number | null = null;
        while (percent === null) {
          const input = await dialogue.input();
          if (input.kind === "cancel") return cancelled(input);
          if (input.kind === "button" && input.data.startsWith("pct:")) percent = Number(input.data.slice("pct:".length));
          else if (editing && input.kind === "button" && input.data === "skip") percent = draft.percent;
          else if (input.kind === "text") {
            const reading = readPercent(input.text);
            if (reading.ok) percent = reading.value;
            else await input.ctx.reply(t(`report-bad-percent-${reading.problem}`));
          } else await input.ctx.reply(t("report-bad-percent-not-a-number"));
        }
        draft.percent = percent;
      }

      // Step 4: note (optional). A paste too long for one message is refused as a whole.
      dialogue.ask();
      const noteButtons = [dialogue.button(t("button-skip"), "skip")];
      if (draft.note) noteButtons.push(dialogue.destroyingButton(t("button-remove"), "remove", removeWarning("note")));
      noteButtons.push(dialogue.cancelButton(t("button-cancel")));
      await dialogue.question(ctx, noteQuestionText(t, draft.note, NOTE_LIMIT), { reply_markup: { inline_keyboard: [noteButtons] } });
      let refusedPasteAt: number | null = null;
      for (;;) {
        const input = await dialogue.input();
        if (input.kind === "cancel") return cancelled(input);
        if (input.kind === "button" && input.data === "skip") break;
        if (input.kind === "button" && input.data === "remove") {
          draft.note = "";
          break;
        }
        if (input.kind === "text") {
          if (refusedPasteAt !== null && input.date - refusedPasteAt <= PASTE_GAP_SECONDS) {
            // The tail of the paste just refused: said so, in one line, and not taken as the note.
            refusedPasteAt = input.date;
            await input.ctx.reply(t("report-bad-note-paste-tail"));
            continue;
          }
          const note = input.text.trim();
          const splitByTelegram = networkOf(input.ctx.chat?.id) === "telegram" && input.text.length >= TELEGRAM_SPLIT_AT;
          const cleaned = cleanNote(input.text);
          if (note.length > NOTE_LIMIT) {
            refusedPasteAt = splitByTelegram ? input.date : null;
            await input.ctx.reply(t("report-bad-note-too-long", { length: note.length, limit: NOTE_LIMIT }));
          } else if (!cleaned.ok) {
            // Only zero-width characters, or text that turns direction: no note, and the question stands.
            await input.ctx.reply(t(textProblemKey(cleaned.problem)));
          } else {
            draft.note = cleaned.text;
            break;
          }
        } else {
          refusedPasteAt = null;
          await input.ctx.reply(t("report-bad-note-not-text"));
        }
      }

      // Step 5: evidence (optional): keep, replace by sending another, or remove.
      dialogue.ask();
      const evidenceButtons = [dialogue.button(t(draft.evidence ? "button-keep-evidence" : "button-skip"), "skip")];
      if (draft.evidence) evidenceButtons.push(dialogue.destroyingButton(t("button-remove"), "remove", removeWarning("evidence")));
      evidenceButtons.push(dialogue.cancelButton(t("button-cancel")));
      await dialogue.question(ctx, evidenceQuestionText(t, draft.evidence), { reply_markup: { inline_keyboard: [evidenceButtons] } });
      for (;;) {
        const input = await dialogue.input();
        if (input.kind === "cancel") return cancelled(input);
        if (input.kind === "button" && input.data === "skip") break;
        if (input.kind === "button" && input.data === "remove") {
          draft.evidence = null;
          break;
        }
        if (input.kind === "photo") {
          // A photo sent on Zalo is an address that may stop working: its bytes are kept now.
          const fileId = input.fileId;
          const kept = await conversation.external(() => keepEvidence(fileId));
          if (!kept.kept) {
            await input.ctx.reply(t(`report-evidence-${kept.reason}`));
            continue;
          }
          draft.evidence = { kind: "photo", fileId: input.fileId, fileUniqueId: input.fileUniqueId, fileName: null, mimeType: null, storedFile: kept.storedFile };
          break;
        }
        if (input.kind === "document") {
          draft.evidence = { kind: "document", fileId: input.fileId, fileUniqueId: input.fileUniqueId, fileName: input.fileName, mimeType: input.mimeType };
          break;
        }
        await input.ctx.reply(t("report-bad-evidence"));
      }

      // Step 6: summary, then confirm, edit or cancel.
      dialogue.ask();
      await dialogue.question(ctx, reportSummaryText(t, header, { ...draft, status: draft.status! }), {
        reply_markup: { inline_keyboard: [[dialogue.button(t("button-confirm"), "ok"), dialogue.button(t("button-edit"), "edit"), dialogue.cancelButton(t("button-cancel"))]] },
      });
      let decision: "ok" | "edit" | null = null;
      while (decision === null) {
        const input = await dialogue.input();
        if (input.kind === "cancel") return cancelled(input);
        if (input.kind === "button" && (input.data === "ok" || input.data === "edit")) decision = input.data;
        else await input.ctx.reply(t("report-use-buttons"));
      }
      if (decision === "edit") {
        editing = true;
        continue;
      }

      const now = await conversation.external(() => deps.clock.now().getTime());
      if (!isReportable(args.period, new Date(now), deps.config.timeZone, deps.config.reportableMonths)) {
        await ctx.reply(t("report-period-closed-now", { month: `${Number(month)}/${year}` }));
        return;
      }
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
            submissionId: dialogue.id,
          },
          new Date(now),
        );
        // Also when repeated: a replay after a crash adds the group's line if it was not added, never twice.
        await announceReport(result, { status: draft.status!, percent: draft.percent }, deps, new Date(now));
        return result;
      });
      await ctx.reply(t("report-saved", { version: saved.version }));
      return;
    }
  };
}
