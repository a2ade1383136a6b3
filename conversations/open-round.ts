import type { Conversation } from "@grammyjs/conversations";
import { AwardTypeModel } from "../models/award-type.ts";
import { EmulationBlocModel } from "../models/emulation-bloc.ts";
import type { BotDeps } from "../src/bot-deps.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";
import type { Translate } from "../src/i18n.ts";
import { trusted } from "../src/messages/html.ts";
import { openRound, RoundError, unknownAgencyCodes, type OpenRoundInput } from "../src/services/nomination-rounds.ts";
import { noticeContextFrom, sendRoundMessages } from "../src/services/round-notices.ts";
import { readDeadlineWithCalendar } from "../src/services/working-calendar.ts";
import { formatLocalDateTime, yearMonthAt } from "../src/time/calendar.ts";
import { Dialogue } from "./conversation-input.ts";
import { cleanName, textProblemKey } from "../src/text/clean-text.ts";

/** /modot: the secretariat opens a nomination round — title, kind, award types, deadline, who is asked. */
export const OPEN_ROUND = "open-round";

export interface OpenRoundArgs {
  actor: { telegramId: number; name: string };
}

type Convo = Conversation<BotContext, ConversationContext>;

/** A toggle list: press to select or unselect, then "Xong". */
async function chooseMany(dialogue: Dialogue, ctx: ConversationContext, prompt: string, options: { code: string; label: string }[], t: Translate): Promise<string[] | "cancel"> {
  const chosen = new Set<string>();
  for (;;) {
    dialogue.ask();
    const keyboard = options.map((option) => [dialogue.button(`${chosen.has(option.code) ? "✅ " : ""}${option.label}`.slice(0, 60), `pick:${option.code}`)]);
    await dialogue.question(ctx, prompt, { reply_markup: { inline_keyboard: [...keyboard, [dialogue.button(t("button-done"), "done"), dialogue.cancelButton(t("button-cancel"))]] } });
    const input = await dialogue.input();
    if (input.kind === "cancel") return "cancel";
    if (input.kind === "button" && input.data.startsWith("pick:")) {
      const code = input.data.slice("pick:".length);
      if (chosen.has(code)) chosen.delete(code);
      else chosen.add(code);
    } else if (input.kind === "button" && input.data === "done") {
      if (chosen.size > 0) return [...chosen];
      await input.ctx.reply(t("round-choose-at-least-one"));
    } else await input.ctx.reply(t("report-use-buttons"));
  }
}

export function createOpenRound(deps: BotDeps) {
  return async function openRoundConversation(conversation: Convo, ctx: ConversationContext, args: OpenRoundArgs): Promise<void> {
    const t: Translate = (key, params) => ctx.t(key, params);
    const cancelled = () => ctx.reply(t("round-open-cancelled"));
    const dialogue = await Dialogue.open(conversation, { question: t("round-open-confirm-cancel"), label: t("button-cancel") });
    // The province's year: at 01:00 on 1 January in Hà Nội it is already the new one, though not in UTC.
    const year = String(yearMonthAt(new Date(await conversation.external(() => deps.clock.now().getTime())), deps.config.timeZone).year);

    dialogue.ask();
    await dialogue.question(ctx, t("round-ask-title", { year }), { reply_markup: { inline_keyboard: [[dialogue.cancelButton(t("button-cancel"))]] } });
    let title = "";
    while (!title) {
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await cancelled());
      const typed = input.kind === "text" && input.text.trim().length > 0 && input.text.trim().length <= 200 ? cleanName(input.text) : null;
      if (typed?.ok) title = typed.text;
      else await input.ctx.reply(t(typed ? textProblemKey(typed.problem) : "round-error-title"));
    }
    dialogue.holdAnswers();

    dialogue.ask();
    await dialogue.question(ctx, t("round-ask-kind"), {
      reply_markup: { inline_keyboard: [[dialogue.button(t("round-kind-registration"), "kind:registration")], [dialogue.button(t("round-kind-nomination"), "kind:nomination")], [dialogue.cancelButton(t("button-cancel"))]] },
    });
    let kind: OpenRoundInput["kind"] | null = null;
    while (!kind) {
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await cancelled());
      if (input.kind === "button" && (input.data === "kind:registration" || input.data === "kind:nomination")) kind = input.data.slice("kind:".length) as OpenRoundInput["kind"];
      else await input.ctx.reply(t("report-use-buttons"));
    }

    const awards = await conversation.external(async () => (await AwardTypeModel.find({ active: true }).sort({ order: 1 }).lean()).map((a) => ({ code: a.code, label: a.name })));
    const awardCodes = await chooseMany(dialogue, ctx, t("round-ask-awards"), awards, t);
    if (awardCodes === "cancel") return void (await cancelled());

    dialogue.ask();
    await dialogue.question(ctx, t("round-ask-deadline", { year }));
    let deadline: Date | null = null;
    while (!deadline) {
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await cancelled());
      const now = new Date(await conversation.external(() => deps.clock.now().getTime()));
      const typed = input.kind === "text" ? input.text : null;
      const millis = typed === null ? null : await conversation.external(async () => (await readDeadlineWithCalendar(typed, now, deps.config.timeZone))?.getTime() ?? null);
      const parsed = millis === null ? null : new Date(millis);
      if (!parsed) await input.ctx.reply(t("round-bad-deadline", { year }));
      else if (parsed <= now) await input.ctx.reply(t("round-error-deadline-past"));
      else deadline = parsed;
    }

    dialogue.ask();
    await dialogue.question(ctx, t("round-ask-audience"), {
      reply_markup: { inline_keyboard: [[dialogue.button(t("round-audience-all"), "aud:all")], [dialogue.button(t("round-audience-blocs"), "aud:blocs")], [dialogue.button(t("round-audience-list"), "aud:list")], [dialogue.cancelButton(t("button-cancel"))]] },
    });
    let audience: OpenRoundInput["audience"] | null = null;
    while (!audience) {
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await cancelled());
      if (input.kind === "button" && input.data === "aud:all") audience = { all: true, blocs: [], agencyCodes: [] };
      else if (input.kind === "button" && input.data === "aud:blocs") {
        const blocs = await conversation.external(async () => (await EmulationBlocModel.find().sort({ order: 1 }).lean()).map((b) => ({ code: b.code, label: b.name })));
        const chosen = await chooseMany(dialogue, ctx, t("round-ask-blocs"), blocs, t);
        if (chosen === "cancel") return void (await cancelled());
        audience = { all: false, blocs: chosen, agencyCodes: [] };
      } else if (input.kind === "button" && input.data === "aud:list") {
        // Codes are checked as they are typed: a typo is asked again, nothing entered so far is lost.
        dialogue.ask();
        await dialogue.question(ctx, t("round-ask-codes"), { reply_markup: { inline_keyboard: [[dialogue.cancelButton(t("button-cancel"))]] } });
        while (!audience) {
          const codes = await dialogue.input();
          if (codes.kind === "cancel") return void (await cancelled());
          if (codes.kind !== "text") {
            await codes.ctx.reply(t("round-ask-codes"));
            continue;
          }
          const typed = codes.text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean);
          const unknown = await conversation.external(() => unknownAgencyCodes(typed));
          if (typed.length === 0) await codes.ctx.reply(t("round-ask-codes"));
          else if (unknown.length > 0) await codes.ctx.reply(t("round-error-agency-unknown-retype", { codes: unknown.join(", ") }));
          else audience = { all: false, blocs: [], agencyCodes: typed };
        }
      } else await input.ctx.reply(t("report-use-buttons"));
    }

    dialogue.ask();
    await dialogue.question(
      ctx,
      t("round-summary", { title, kind: trusted(t(`round-kind-${kind}`)), awards: awardCodes.length, deadline: formatLocalDateTime(deadline, deps.config.timeZone) }),
      { reply_markup: { inline_keyboard: [[dialogue.button(t("button-confirm"), "ok"), dialogue.cancelButton(t("button-cancel"))]] } },
    );
    for (;;) {
      const input = await dialogue.input();
      if (input.kind === "cancel") return void (await cancelled());
      if (input.kind === "button" && input.data === "ok") break;
      await input.ctx.reply(t("report-use-buttons"));
    }

    const now = await conversation.external(() => deps.clock.now().getTime());
    const opened = await conversation.external(async () => {
      try {
        const round = await openRound({ title, kind: kind!, awardCodes, deadline: deadline!, audience: audience! }, { via: "chat", ...args.actor }, new Date(now));
        const sent = await sendRoundMessages(
          round,
          noticeContextFrom(deps.config, new Date(now)),
          "round-opened",
          "open",
        );
        deps.wakeOutbox();
        return { ok: true as const, seq: round.seq, agencies: round.agencies.length, sent };
      } catch (error) {
        if (error instanceof RoundError) return { ok: false as const, key: error.key, params: error.params };
        throw error;
      }
    });
    await ctx.reply(opened.ok ? t("round-opened", { seq: opened.seq, agencies: opened.agencies, sent: opened.sent }) : t(opened.key, opened.params));
  };
}
