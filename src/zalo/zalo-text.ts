import { buttonMeaning } from "../chat/callback-data.ts";
import { readPercent } from "../followup/report-input.ts";
import { splitMessage } from "../messages/split-message.ts";
import type { Translate } from "../i18n.ts";

/**
 * How a message the features wrote for Telegram reads on Zalo: plain text (Zalo shows no
 * formatting), at most 2,000 characters a message, and the buttons as choices written under the
 * text. Replies are read back into the button they name.
 */
export const ZALO_TEXT_LIMIT = 2000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The text of the HTML the features write (b, i, u, s, code, pre, a, blockquote): tags dropped, entities read. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gis, (_all, href: string, text: string) => (text === href ? text : `${text} (${href})`))
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? all;
    });
}

export interface Button {
  text: string;
  callback_data?: string;
}

/** A choice offered on Zalo: the button's data, its words, and the number that picks it (none when numbers are the answer itself). */
export interface Choice {
  number: number | null;
  label: string;
  data: string;
}

/**
 * The buttons of a keyboard as choices. Report buttons keep their task's number; a question whose
 * buttons are themselves numbers (percentages) is answered by words or by typing the number. A
 * choice that throws away what the person entered gets no number at all, only its words: a
 * number that meant something harmless at the last question must never destroy at this one.
 */
export function choicesOf(keyboard: Button[][]): Choice[] {
  const buttons = keyboard.flat().filter((button): button is Required<Button> => typeof button.callback_data === "string");
  const numbersAreAnswers = buttons.some((button) => readPercent(cleanLabel(button.text)).ok);
  let next = 1;
  return buttons.map((button) => {
    const label = cleanLabel(button.text);
    const meaning = buttonMeaning(button.callback_data);
    if (meaning.kind === "task") {
      const task = /(\d+)\s*$/.exec(label);
      return { number: task ? Number(task[1]) : null, label, data: button.callback_data };
    }
    const numbered = !numbersAreAnswers && !(meaning.kind === "answer" && meaning.destroys);
    return { number: numbered ? next++ : null, label, data: button.callback_data };
  });
}

const isTask = (choice: Choice) => buttonMeaning(choice.data).kind === "task";
const isAnswer = (choice: Choice) => buttonMeaning(choice.data).kind === "answer";

/** A button's words without the pictograms Telegram shows in front. */
export function cleanLabel(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+/u, "").trim();
}

/** The choices as lines under the text, and how to answer them. */
export function choicesText(choices: Choice[], t: Translate): string {
  if (choices.length === 0) return "";
  // A due list says itself how its numbers are answered (its footer, in Zalo's words).
  if (choices.every(isTask)) return "";
  const numbered = choices.filter((choice) => choice.number !== null);
  const lines = choices.map((choice) => (choice.number === null ? `• ${choice.label}` : `${choice.number}. ${choice.label}`));
  return [...lines, numbered.length > 0 ? t("zalo-answer-with-number") : t("zalo-answer-with-words")].join("\n");
}

/** The messages to send for one of the features' messages: plain, split at lines, the choices with the last part. */
export function zaloMessages(html: string, choices: Choice[], t: Translate, parseMode: "HTML" | undefined): string[] {
  const text = parseMode === "HTML" ? plainText(html) : html;
  const footer = choicesText(choices, t);
  const whole = footer ? `${text}\n\n${footer}` : text;
  return splitMessage(whole, ZALO_TEXT_LIMIT);
}

const fold = (text: string) =>
  text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .trim();

/**
 * What a reply on Zalo means against the choices last offered: a number picks the choice with
 * that number ("3", or "3 xong" for a task's report with the work done), the words of a choice
 * pick it; anything else is text for the question.
 */
export type Reading = { kind: "choice"; choice: Choice; rest: string } | { kind: "text" };

export function readReply(text: string, choices: Choice[]): Reading {
  const numbered = /^\s*(\d{1,3})\s*[.)]?\s*(.*)$/s.exec(text);
  if (numbered) {
    const choice = choices.find((c) => c.number === Number(numbered[1]));
    const rest = numbered[2]!.trim();
    // Only a task's number may carry words after it ("3 xong"); "2,5" is no choice.
    if (choice && (rest === "" || isTask(choice))) return { kind: "choice", choice, rest };
  }
  // Without letters the reply is a figure, matched as typed: "-2" is not the choice "2".
  const hasLetters = /\p{L}/u.test(text);
  const words = hasLetters ? fold(text) : text.normalize("NFC").trim().toLowerCase();
  if (words === "") return { kind: "text" };
  const byWords = choices.find((c) => (hasLetters ? fold(c.label) : c.label.normalize("NFC").toLowerCase()) === words);
  return byWords ? { kind: "choice", choice: byWords, rest: "" } : { kind: "text" };
}

/** Choices as offered in one message: what a number answers, and when they were offered. */
export interface OfferedChoices {
  choices: Choice[];
  messageId: number | null;
  at: Date | null;
}

const isDialogue = (choices: Choice[]) => choices.some(isAnswer);

/**
 * A reply read against what was offered: while a dialogue is open, only its question's choices
 * (so "3" at the percent question is 3 %, never task 3); otherwise the latest of the last menu
 * and the last due list, then the other — a finished dialogue's choices no longer count.
 */
export function readReplyToChat(text: string, offered: OfferedChoices, reports: OfferedChoices, dialogueOpen: boolean): { reading: Reading; messageId: number | null } {
  if (dialogueOpen && isDialogue(offered.choices)) return { reading: readReply(text, offered.choices), messageId: offered.messageId };
  const usable = [offered, reports].filter((slot) => slot.choices.length > 0 && !(isDialogue(slot.choices) && !dialogueOpen));
  usable.sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
  for (const slot of usable) {
    const reading = readReply(text, slot.choices);
    if (reading.kind === "choice") return { reading, messageId: slot.messageId };
  }
  return { reading: { kind: "text" }, messageId: null };
}
