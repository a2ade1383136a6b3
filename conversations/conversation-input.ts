import type { Conversation } from "@grammyjs/conversations";
import type { InlineKeyboardButton } from "grammy/types";
import { randomBytes } from "node:crypto";
import { dialogueAnswerButton, looksLikeDialogueAnswer } from "../src/chat/callback-data.ts";
import type { BotContext, ConversationContext } from "../src/context.ts";

/** One answer in a guided conversation, read into what the dialogue cares about. */
export type Input =
  | { kind: "cancel"; ctx: ConversationContext }
  | { kind: "button"; data: string; ctx: ConversationContext }
  | { kind: "text"; text: string; date: number; ctx: ConversationContext }
  | { kind: "photo"; fileId: string; fileUniqueId: string; ctx: ConversationContext }
  | { kind: "document"; fileId: string; fileUniqueId: string; fileName: string | null; mimeType: string | null; ctx: ConversationContext }
  | { kind: "other"; ctx: ConversationContext };

const CANCEL = /^\/(huy|cancel)(@\w+)?$/i;
/** Commands and buttons that would start something else while this dialogue is open. */
const ELSEWHERE = /^\/[a-z]+(@\w+)?(\s|$)/i;

type Convo = Conversation<BotContext, ConversationContext>;
type Button = InlineKeyboardButton.CallbackButton;
type ReplyOptions = Parameters<ConversationContext["reply"]>[1];

/** What the dialogue asks before an answer that throws away what the person entered. */
export interface DestroyWarning {
  /** The question ("Hủy báo cáo? Những gì bạn đã nhập sẽ không được lưu."). */
  question: string;
  /** The button that goes ahead: the same words as the one pressed, so the same word confirms on Zalo. */
  label: string;
}

/**
 * The questions of one guided conversation. Each question is opened with `ask()`; the buttons
 * made after it carry its number and the dialogue's own random tag, so a button left under an
 * earlier question (or from an earlier dialogue) is answered "this question has passed" and
 * changes nothing, instead of answering the question now asked.
 *
 * An answer that throws away what the person entered — cancelling once something was answered,
 * removing a note or evidence — is asked about once before it is taken ("Tiếp tục" sends the
 * question again). On Zalo such a choice has no number (see callback-data's `destroys`), so a
 * number that meant something harmless at the last question can never destroy at this one.
 */
export class Dialogue {
  /** Numbers every question ever asked, so a passed question's number is never used again. */
  private asked = 0;
  /** The question the buttons answer now (after a warning, the one before it again). */
  private current = 0;
  /** The current question as it was sent, to send it again after "Tiếp tục". */
  private lastQuestion: { text: string; options: ReplyOptions } | null = null;
  private readonly warnings = new Map<string, DestroyWarning>();
  private holding = false;

  private constructor(
    private readonly conversation: Convo,
    private readonly session: string,
    private readonly cancelWarning: DestroyWarning,
  ) {}

  /** `cancelWarning`: what cancelling asks once the person has answered something. */
  static async open(conversation: Convo, cancelWarning: DestroyWarning): Promise<Dialogue> {
    // Drawn once and kept by the plugin, so every replay sees the same tag.
    const session = await conversation.external(() => randomBytes(3).toString("base64url"));
    return new Dialogue(conversation, session, cancelWarning);
  }

  /** This dialogue's own id: what makes its confirmation count once. */
  get id(): string {
    return this.session;
  }

  /** From now on the person has entered something that cancelling would throw away. */
  holdAnswers(): void {
    this.holding = true;
  }

  /** A new question: buttons under the previous ones stop counting. */
  ask(): void {
    this.current = ++this.asked;
    this.lastQuestion = null;
  }

  button(text: string, answer: string): Button {
    return { text, callback_data: dialogueAnswerButton.build({ session: this.session, question: this.current, answer, destroys: false }) };
  }

  /** "Hủy": asks first once something was answered; on Zalo it is answered by its words, never a number. */
  cancelButton(text: string): Button {
    return { text, callback_data: dialogueAnswerButton.build({ session: this.session, question: this.current, answer: "cancel", destroys: true }) };
  }

  /** An answer that throws away what the person entered (remove the note, the evidence): asked about once. */
  destroyingButton(text: string, answer: string, warning: DestroyWarning): Button {
    this.warnings.set(answer, warning);
    return { text, callback_data: dialogueAnswerButton.build({ session: this.session, question: this.current, answer, destroys: true }) };
  }

  /** Sends the current question, and keeps it to send again if the person steps back from a warning. */
  async question(ctx: ConversationContext, text: string, options?: ReplyOptions): Promise<void> {
    this.lastQuestion = { text, options };
    await ctx.reply(text, options);
  }

  /**
   * The next answer to the current question. Pressing a button is acknowledged at once;
   * another command, or a button from outside this dialogue, gets a reminder that the dialogue
   * is still open; a button of a passed question is refused; an answer that destroys is asked
   * about once.
   */
  async input(): Promise<Input> {
    for (;;) {
      const input = await this.nextAnswer();
      const warning = input.kind === "cancel" ? (this.holding ? this.cancelWarning : null) : input.kind === "button" ? (this.warnings.get(input.data) ?? null) : null;
      if (!warning || (await this.confirmed(input.ctx, warning))) return input;
    }
  }

  /** Asks once before an answer destroys; "Tiếp tục" (or anything else) sends the question again. */
  private async confirmed(ctx: ConversationContext, warning: DestroyWarning): Promise<boolean> {
    const question = this.current;
    const resend = this.lastQuestion;
    this.current = ++this.asked;
    await ctx.reply(warning.question, {
      reply_markup: { inline_keyboard: [[this.button(ctx.t("button-continue"), "keep"), { text: warning.label, callback_data: dialogueAnswerButton.build({ session: this.session, question: this.current, answer: "go", destroys: true }) }]] },
    });
    const answer = await this.nextAnswer();
    if (answer.kind === "cancel" || (answer.kind === "button" && answer.data === "go")) return true;
    this.current = question;
    if (resend) await answer.ctx.reply(resend.text, resend.options);
    else await answer.ctx.reply(answer.ctx.t("question-continue"));
    return false;
  }

  private async nextAnswer(): Promise<Input> {
    for (;;) {
      const input = await readInput(this.conversation);
      if (input.kind === "text" && ELSEWHERE.test(input.text.trim())) {
        await input.ctx.reply(input.ctx.t("conversation-busy"));
        continue;
      }
      if (input.kind !== "button") return input;
      const answer = dialogueAnswerButton.read(input.data);
      if (!answer) {
        await input.ctx.answerCallbackQuery().catch(() => undefined);
        await input.ctx.reply(input.ctx.t(looksLikeDialogueAnswer(input.data) ? "question-passed" : "conversation-busy"));
        continue;
      }
      if (answer.session === this.session && answer.answer === "cancel") {
        await input.ctx.answerCallbackQuery().catch(() => undefined);
        return { kind: "cancel", ctx: input.ctx };
      }
      if (answer.session !== this.session || answer.question !== this.current) {
        await input.ctx.answerCallbackQuery({ text: input.ctx.t("question-passed") }).catch(() => undefined);
        continue;
      }
      await input.ctx.answerCallbackQuery().catch(() => undefined);
      return { kind: "button", data: answer.answer, ctx: input.ctx };
    }
  }
}

async function readInput(conversation: Convo): Promise<Input> {
  const ctx = await conversation.wait();
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return { kind: "button", data, ctx };
  const message = ctx.message;
  if (message?.text !== undefined) return CANCEL.test(message.text.trim()) ? { kind: "cancel", ctx } : { kind: "text", text: message.text, date: message.date, ctx };
  if (message?.photo && message.photo.length > 0) {
    const largest = message.photo.at(-1)!;
    return { kind: "photo", fileId: largest.file_id, fileUniqueId: largest.file_unique_id, ctx };
  }
  if (message?.document) {
    const { file_id, file_unique_id, file_name, mime_type } = message.document;
    return { kind: "document", fileId: file_id, fileUniqueId: file_unique_id, fileName: file_name ?? null, mimeType: mime_type ?? null, ctx };
  }
  return { kind: "other", ctx };
}
