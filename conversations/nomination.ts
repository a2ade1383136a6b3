import type { Conversation } from "@grammyjs/conversations";
import type { BotDeps } from "../src/bot-deps.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";
import { formatCountTable, roundKindKey } from "../src/messages/nomination-messages.ts";
import type { Translate } from "../src/i18n.ts";
import { isUnusuallyLarge, readCount } from "../src/nominations/count-input.ts";
import { loadNominationForm } from "../src/services/nomination-form.ts";
import { RoundError, submitNomination } from "../src/services/nomination-rounds.ts";
import { announceNomination } from "../src/services/group-notices.ts";
import { formatLocalDateTime } from "../src/time/calendar.ts";
import { Dialogue } from "./conversation-input.ts";

/**
 * The nomination counts (or, in a registration round, what the agency registers), award type by award type: for collectives, for individuals, or both, as
 * the award allows. Quick answers or typed numbers; 0 and skipping are fine; negatives,
 * fractions and words are refused with a reason; an unusually large number is confirmed. It ends
 * with a review table and Confirm / Edit / Cancel.
 */
export const NOMINATION = "nomination";

export interface NominationArgs {
  roundId: string;
  agencyId: string;
  reporter: { memberId: string; telegramId: number; name: string };
}

const QUICK = [0, 1, 2, 3, 5];

export function createNomination(deps: BotDeps) {
  return async function nomination(conversation: Conversation<BotContext, ConversationContext>, ctx: ConversationContext, args: NominationArgs): Promise<void> {
    const t: Translate = (key, params) => ctx.t(key, params);
    // Opened first, as it always was: a dialogue in flight across an upgrade replays in the same order.
    const dialogue = await Dialogue.open(conversation, { question: t("nomination-confirm-cancel"), label: t("button-cancel") });
    const started = await conversation.external(() => deps.clock.now().getTime());
    const form = await conversation.external(() => loadNominationForm(args.roundId, args.agencyId, new Date(started)));
    if (!form) return void (await ctx.reply(t("button-stale")));
    if (!form.open) return void (await ctx.reply(t("round-error-closed")));
    // A registration round asks what the agency registers; a nomination round what it proposes.
    const say = (name: string) => roundKindKey(form.kind, name);

    const counts = new Map(form.awards.map((award) => [award.code, { collective: 0, individual: 0 }]));
    for (const line of form.previous) if (counts.has(line.award)) counts.set(line.award, { collective: line.collective, individual: line.individual });
    await ctx.reply(
      t(say(form.version > 0 ? "intro-revise" : "intro"), {
        seq: form.seq,
        title: form.title,
        deadline: formatLocalDateTime(new Date(form.deadline), deps.config.timeZone),
        count: form.awards.length,
      }),
    );

    for (;;) {
      for (const [index, award] of form.awards.entries()) {
        const scopes = award.scope === "both" ? (["collective", "individual"] as const) : ([award.scope] as const);
        for (const scope of scopes) {
          const current = counts.get(award.code)![scope];
          const question = t(say("ask"), { index: index + 1, total: form.awards.length, award: award.name, scope: t(`count-${scope}`), current });
          // Each time the question is asked its buttons are new: a "5" under an earlier award answers nothing now.
          const keyboard = () => {
            dialogue.ask();
            return [QUICK.map((n) => dialogue.button(String(n), `num:${n}`)), [dialogue.button(t("button-skip"), "skip"), dialogue.cancelButton(t("button-cancel"))]];
          };
          await dialogue.question(ctx, question, { reply_markup: { inline_keyboard: keyboard() } });
          let value: number | null = null;
          while (value === null) {
            const input = await dialogue.input();
            if (input.kind === "cancel") return void (await input.ctx.reply(t("nomination-cancelled")));
            let candidate: number | null = null;
            if (input.kind === "button" && input.data.startsWith("num:")) candidate = Number(input.data.slice("num:".length));
            else if (input.kind === "button" && input.data === "skip") candidate = current;
            else if (input.kind === "text") {
              const reading = readCount(input.text);
              if (reading.ok) candidate = reading.value;
              else await input.ctx.reply(t(`nomination-bad-${reading.problem}`));
            } else await input.ctx.reply(t("nomination-bad-not-a-number"));
            if (candidate === null) continue;
            if (isUnusuallyLarge(candidate, award.level) && candidate !== current) {
              dialogue.ask();
              await input.ctx.reply(t("nomination-confirm-large", { value: candidate, award: award.name }), {
                reply_markup: { inline_keyboard: [[dialogue.button(t("button-yes-correct"), "large:yes"), dialogue.button(t("button-retype"), "large:no")]] },
              });
              const answer = await dialogue.input();
              if (answer.kind === "cancel") return void (await answer.ctx.reply(t("nomination-cancelled")));
              if (!(answer.kind === "button" && answer.data === "large:yes")) {
                await dialogue.question(answer.ctx, question, { reply_markup: { inline_keyboard: keyboard() } });
                continue;
              }
            }
            value = candidate;
          }
          counts.get(award.code)![scope] = value;
          dialogue.holdAnswers();
        }
      }

      const table = formatCountTable(
        form.awards.map((award) => ({
          name: award.name,
          collective: award.scope === "individual" ? null : counts.get(award.code)!.collective,
          individual: award.scope === "collective" ? null : counts.get(award.code)!.individual,
        })),
        t,
      );
      dialogue.ask();
      await dialogue.question(ctx, `${t(say("review"), { seq: form.seq })}\n${table}`, {
        reply_markup: { inline_keyboard: [[dialogue.button(t("button-confirm"), "ok"), dialogue.button(t("button-edit"), "edit"), dialogue.cancelButton(t("button-cancel"))]] },
      });
      let decision: "ok" | "edit" | null = null;
      while (decision === null) {
        const input = await dialogue.input();
        if (input.kind === "cancel") return void (await input.ctx.reply(t("nomination-cancelled")));
        if (input.kind === "button" && (input.data === "ok" || input.data === "edit")) decision = input.data;
        else await input.ctx.reply(t("report-use-buttons"));
      }
      if (decision === "edit") continue;

      const now = await conversation.external(() => deps.clock.now().getTime());
      const saved = await conversation.external(async () => {
        try {
          const lines = [...counts].map(([award, count]) => ({ award, ...count }));
          const result = await submitNomination({ roundId: args.roundId, agencyId: args.agencyId, counts: lines, reporter: args.reporter, submissionId: dialogue.id }, new Date(now));
          // Also when repeated: a replay after a crash adds the group's line if it was not added, never twice.
          await announceNomination({ roundId: args.roundId, agencyId: args.agencyId, reportId: result.reportId, version: result.version, lines }, new Date(now), deps);
          return { ok: true as const, version: result.version };
        } catch (error) {
          if (error instanceof RoundError) return { ok: false as const, key: error.key };
          throw error;
        }
      });
      await ctx.reply(saved.ok ? t(say("saved"), { version: saved.version }) : t(saved.key));
      return;
    }
  };
}
