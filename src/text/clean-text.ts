/**
 * Text people type that others will read: agency names, codes, aliases, bloc names, round
 * titles, notes, days off. Normalised to NFC (the same Vietnamese letter typed two ways is the
 * same letter), and refused when it hides something: control characters, characters that turn
 * the direction of the text (U+202A–U+202E, U+2066–U+2069: "Sở Nội vụ" shown as something else),
 * or nothing visible at all (only zero-width characters). Names from Telegram or Zalo profiles,
 * which the bot cannot refuse, are cleaned of the same instead.
 */
export type TextProblem = "control" | "bidi" | "invisible";
export type CleanedText = { ok: true; text: string } | { ok: false; problem: TextProblem };

type Ranges = readonly (readonly [number, number])[];

/** C0 and C1 control characters, and the line and paragraph separators. */
const CONTROL: Ranges = [[0x00, 0x1f], [0x7f, 0x9f], [0x2028, 0x2029]];
/** What a note may hold of them: tabs and line breaks. */
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);
/** Embeddings, overrides and isolates: they change the order letters are shown in. */
const BIDI: Ranges = [[0x202a, 0x202e], [0x2066, 0x2069]];
/** Characters that take no room on screen: zero-width spaces and joiners, direction marks, fillers, soft hyphens, variation selectors. */
const INVISIBLE: Ranges = [[0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f], [0x200b, 0x200f], [0x2060, 0x2064], [0x206a, 0x206f], [0x2800, 0x2800], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0]];

const within = (ranges: Ranges) => (char: string) => {
  const code = char.codePointAt(0)!;
  return ranges.some(([from, to]) => code >= from && code <= to);
};
const isControl = within(CONTROL);
const isBidi = within(BIDI);
const isInvisible = within(INVISIBLE);

const chars = (text: string) => [...text];
const hasVisible = (text: string) => chars(text).some((char) => !isInvisible(char) && !/\s/u.test(char));
const withoutInvisible = (text: string) => chars(text).filter((char) => !isInvisible(char)).join("");

/** A name, code, alias or title: one line, invisible characters removed, spaces collapsed. */
export function cleanName(raw: string): CleanedText {
  const text = raw.normalize("NFC");
  if (chars(text).some(isBidi)) return { ok: false, problem: "bidi" };
  if (chars(text).some(isControl)) return { ok: false, problem: "control" };
  if (!hasVisible(text)) return { ok: false, problem: "invisible" };
  return { ok: true, text: withoutInvisible(text).replace(/\s+/gu, " ").trim() };
}

/** A note: lines and tabs kept (and emoji joiners), trimmed; refused when it hides something or shows nothing. */
export function cleanNote(raw: string): CleanedText {
  const text = raw.normalize("NFC");
  if (chars(text).some(isBidi)) return { ok: false, problem: "bidi" };
  if (chars(text).some((char) => isControl(char) && !LAYOUT.has(char.codePointAt(0)!))) return { ok: false, problem: "control" };
  if (!hasVisible(text)) return { ok: false, problem: "invisible" };
  return { ok: true, text: text.replace(/\r\n?/g, "\n").trim() };
}

/** A name the bot did not choose (a Telegram or Zalo profile): what hides something is taken out; "" when nothing is left. */
export function readableName(raw: string): string {
  return chars(raw.normalize("NFC"))
    .filter((char) => !isBidi(char) && !isInvisible(char))
    .map((char) => (isControl(char) ? " " : char))
    .join("")
    .replace(/\s+/gu, " ")
    .trim();
}

/** The locale key of the sentence that says what was wrong. */
export function textProblemKey(problem: TextProblem): string {
  return `text-refused-${problem}`;
}

/** Thrown where a service refuses text; `key` is the sentence that says why. */
export class TextRefused extends Error {
  readonly key: string;

  constructor(readonly problem: TextProblem) {
    super(`text refused: ${problem}`);
    this.key = textProblemKey(problem);
  }
}

/** The cleaned name, or TextRefused. */
export function requireCleanName(raw: string): string {
  const cleaned = cleanName(raw);
  if (!cleaned.ok) throw new TextRefused(cleaned.problem);
  return cleaned.text;
}
