import type { Conversation } from "@grammyjs/conversations";
import { randomBytes } from "node:crypto";
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
/** c:<session><question>:<data> — every answer button says which question of which dialogue it answers. */
const ANSWER = /^c:([A-Za-z0-9_-]{4})(\d+):(.*)$/s;

type Convo = Conversation<BotContext, ConversationContext>;

/**
 * The questions of one guided conversation. Each question is opened with `ask()`; the buttons
 * made after it carry its number and the dialogue's own random tag, so a button left under an
 * earlier question (or from an earlier dialogue) is answered "this question has passed" and
 * changes nothing, instead of answering the question now asked. "Hủy" under any question of
 * this dialogue still cancels it.
 */
export class Dialogue {
  private question = 0;

  private constructor(
    private readonly conversation: Convo,
    private readonly session: string,
  ) {}

  static async open(conversation: Convo): Promise<Dialogue> {
    // Drawn once and kept by the plugin, so every replay sees the same tag.
    const session = await conversation.external(() => randomBytes(3).toString("base64url"));
    return new Dialogue(conversation, session);
  }

  /** This dialogue's own id: what makes its confirmation count once. */
  get id(): string {
    return this.session;
  }

  /** A new question: buttons under the previous ones stop counting. */
  ask(): void {
    this.question++;
  }

  button(text: string, data: string) {
    return { text, callback_data: `c:${this.session}${this.question}:${data}` };
  }

  /**
   * The next answer to the current question. Pressing a button is acknowledged at once;
   * another command, or a button from outside this dialogue, gets a reminder that the dialogue
   * is still open; a button of a passed question is refused.
   */
  async input(): Promise<Input> {
    for (;;) {
      const input = await readInput(this.conversation);
      if (input.kind === "text" && ELSEWHERE.test(input.text.trim())) {
        await input.ctx.reply(input.ctx.t("conversation-busy"));
        continue;
      }
      if (input.kind !== "button") return input;
      const answer = ANSWER.exec(input.data);
      if (!answer) {
        await input.ctx.answerCallbackQuery().catch(() => undefined);
        await input.ctx.reply(input.ctx.t(input.data.startsWith("c:") ? "question-passed" : "conversation-busy"));
        continue;
      }
      const [, session, question, data] = answer as unknown as [string, string, string, string];
      if (session === this.session && data === "cancel") {
        await input.ctx.answerCallbackQuery().catch(() => undefined);
        return { kind: "cancel", ctx: input.ctx };
      }
      if (session !== this.session || Number(question) !== this.question) {
        await input.ctx.answerCallbackQuery({ text: input.ctx.t("question-passed") }).catch(() => undefined);
        continue;
      }
      await input.ctx.answerCallbackQuery().catch(() => undefined);
      return { kind: "button", data, ctx: input.ctx };
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
