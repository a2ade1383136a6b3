/**
 * Every inline button's payload, in one place: one typed codec per kind of button, which builds
 * it, reads it back and matches it (`pattern`, for `bot.callbackQuery`). Telegram takes 1–64
 * bytes; a build that would not fit, or would not read back, throws at once instead of being
 * refused by Telegram later. Everything read back is checked again by its handler: a payload is
 * a request, never a permission.
 *
 * The Zalo layer shows buttons as numbered choices; it asks `buttonMeaning` what a button is
 * (a task of a due list, an answer that destroys what was entered …) instead of knowing prefixes.
 */
export const CALLBACK_LIMIT = 64;

export interface ButtonCodec<T> {
  /** Matches this kind's payloads, and only them. */
  readonly pattern: RegExp;
  build(value: T): string;
  read(data: string): T | null;
}

function codec<T>(pattern: RegExp, build: (value: T) => string, read: (match: RegExpExecArray) => T | null): ButtonCodec<T> {
  return {
    pattern,
    build(value) {
      const data = build(value);
      if (Buffer.byteLength(data, "utf8") > CALLBACK_LIMIT || !pattern.test(data)) throw new RangeError(`button data does not fit its kind or Telegram's 64 bytes: ${data}`);
      return data;
    },
    read(data) {
      const match = pattern.exec(data);
      return match ? read(match) : null;
    },
  };
}

const OBJECT_ID = "[0-9a-f]{24}";
const compactPeriod = (period: string) => period.replace("-", "");
const periodOf = (year: string, month: string) => (Number(month) >= 1 && Number(month) <= 12 ? `${year}-${month}` : null);

export interface ReportTarget {
  milestoneId: string;
  /** The month reported on, YYYY-MM. */
  period: string;
  /** "3 xong" on Zalo: the choice and the answer in one reply. Never shown on Telegram. */
  saidDone: boolean;
}

/** "Báo cáo" on a milestone for a month, under the push and the reminders: r:<milestone>:<yyyymm>[:d]. */
export const reportButton = codec<ReportTarget>(
  new RegExp(`^r:(${OBJECT_ID}):(\\d{4})(\\d{2})(:d)?$`),
  ({ milestoneId, period, saidDone }) => `r:${milestoneId}:${compactPeriod(period)}${saidDone ? ":d" : ""}`,
  (m) => {
    const period = periodOf(m[2]!, m[3]!);
    return period ? { milestoneId: m[1]!, period, saidDone: m[4] !== undefined } : null;
  },
);

/** "Báo cáo tháng …" when /baocao asks which month: rp:<yyyymm>. */
export const reportMonthButton = codec<string>(
  /^rp:(\d{4})(\d{2})$/,
  (period) => `rp:${compactPeriod(period)}`,
  (m) => periodOf(m[1]!, m[2]!),
);

/** /nhacnho's confirmation: remind the silent of this month now (remind:<yyyy-mm>), or not (remind:no). */
export const remindNowButton = codec<{ period: string } | "no">(
  /^remind:(no|\d{4}-\d{2})$/,
  (value) => `remind:${value === "no" ? "no" : value.period}`,
  (m) => (m[1] === "no" ? "no" : { period: m[1]! }),
);

/** /dongnam's confirmation: close this plan year (ye:<yyyy>), or not (ye:no). */
export const yearCloseButton = codec<{ year: number } | "no">(
  /^ye:(no|\d{4})$/,
  (value) => `ye:${value === "no" ? "no" : value.year}`,
  (m) => (m[1] === "no" ? "no" : { year: Number(m[1]) }),
);

/** /dot ketthuc's confirmation: close round N now (rc:<n>), or not (rc:no). */
export const roundCloseButton = codec<{ seq: number } | "no">(
  /^rc:(no|\d{1,9})$/,
  (value) => `rc:${value === "no" ? "no" : value.seq}`,
  (m) => (m[1] === "no" ? "no" : { seq: Number(m[1]) }),
);

/** A round in /khenthuong's list: its totals (kt:<seq>). */
export const roundTotalsButton = codec<{ seq: number }>(
  /^kt:(\d{1,9})$/,
  ({ seq }) => `kt:${seq}`,
  (m) => ({ seq: Number(m[1]) }),
);

/** "Báo cáo số lượng" under a round's invitation: n:<round>. */
export const nominateButton = codec<{ roundId: string }>(
  new RegExp(`^n:(${OBJECT_ID})$`),
  ({ roundId }) => `n:${roundId}`,
  (m) => ({ roundId: m[1]! }),
);

/** /ngonngu's choice: lang:vi or lang:en. */
export const languageButton = codec<{ locale: "vi" | "en" }>(
  /^lang:(vi|en)$/,
  ({ locale }) => `lang:${locale}`,
  (m) => ({ locale: m[1] as "vi" | "en" }),
);

export interface DialogueAnswer {
  /** The dialogue's own random tag (4 characters), so a button of an earlier dialogue is known as such. */
  session: string;
  /** Which question of the dialogue the button answers. */
  question: number;
  /** The answer itself, in the dialogue's own words ("st:done", "skip", "cancel" …). */
  answer: string;
  /** The answer throws away what the person entered (cancel with answers, remove evidence …). */
  destroys: boolean;
}

/** An answer button in a guided conversation: c:<session><question>[!]:<answer>. */
export const dialogueAnswerButton = codec<DialogueAnswer>(
  /^c:([A-Za-z0-9_-]{4})(\d{1,6})(!?):(.+)$/s,
  ({ session, question, answer, destroys }) => `c:${session}${question}${destroys ? "!" : ""}:${answer}`,
  (m) => ({ session: m[1]!, question: Number(m[2]), destroys: m[3] === "!", answer: m[4]! }),
);

/** A payload that looks like a dialogue's answer but no longer reads as one (an old dialogue's). */
export const looksLikeDialogueAnswer = (data: string) => data.startsWith("c:");

/** What a button is, for a network that shows buttons as written choices (Zalo). */
export type ButtonMeaning = { kind: "task"; target: ReportTarget } | { kind: "answer"; destroys: boolean } | { kind: "action" };

export function buttonMeaning(data: string): ButtonMeaning {
  const target = reportButton.read(data);
  if (target) return { kind: "task", target };
  const answer = dialogueAnswerButton.read(data);
  if (answer) return { kind: "answer", destroys: answer.destroys };
  return { kind: "action" };
}
