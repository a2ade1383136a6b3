import { ITEM_MARK, collapseSpaces } from "./plain-text.ts";

/**
 * A cell of a plan table is a list written as prose: "- Task one.- Task two - Task three".
 * A dash starts a list item only where an official would read one; hyphens inside text
 * ("kinh tế - xã hội", "năm học 2017 - 2018", movement names in quotes) stay text.
 */
export interface SplitCell {
  /** Text before the first list item: on a continued row, the end of the previous task. */
  lead: string;
  items: string[];
}

const DASHES = new Set(["-", "–", "•", ITEM_MARK]);
const SENTENCE_END = /^[.;:!?…]$/;
const OPENING_QUOTES = new Set(["“", "«", "‘"]);
const CLOSING_QUOTES = new Set(["”", "»", "’"]);
/** Names that contain a spaced dash between capitalised words. */
const PROTECTED_COMPOUNDS = [/thi đua\s*$/i];
const PROTECTED_FOLLOWERS = [/^\s*khen thưởng/i];

function isUpperLetter(char: string | undefined): boolean {
  return char !== undefined && char.toLocaleLowerCase("vi") !== char && char.toLocaleUpperCase("vi") === char;
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/**
 * The position of the nearest character that is not white space, looking from `from` in
 * `step`'s direction; -1 or the text's length when there is none. The checks below look only
 * around the dash, never at the whole text before or after it, so a cell of a thousand dashes
 * costs a thousand short looks, not a thousand copies of the cell.
 */
function nonSpaceFrom(text: string, from: number, step: 1 | -1): number {
  let at = from;
  while (at >= 0 && at < text.length && isSpace(text[at])) at += step;
  return at;
}

/** Nothing but white space between the start of the line (or of the cell) and `index`. */
function startsLine(text: string, index: number): boolean {
  for (let at = index - 1; at >= 0; at--) {
    const char = text[at]!;
    if (char === "\n") return true;
    if (!isSpace(char)) return false;
  }
  return true;
}

function isBulletAt(text: string, index: number, quoteDepth: number): boolean {
  const marker = text[index]!;
  if (marker === ITEM_MARK) return true;
  const next = nonSpaceFrom(text, index + 1, 1);
  const following = text[next];
  if (following === undefined) return false;
  // At the start of the cell or of a line: a list item whatever follows.
  if (startsLine(text, index)) return true;
  const last = nonSpaceFrom(text, index - 1, -1);
  const endsSentence = last >= 0 && SENTENCE_END.test(text[last]!);
  const afterChar = text[index + 1];
  // Right after the end of a sentence or clause: "… của tỉnh.- Tổ chức …".
  if (endsSentence && isSpace(afterChar)) return true;
  if (endsSentence && marker === "-" && !/\d/.test(afterChar ?? "")) return true;
  // Mid-line " - Capitalised": a new item, unless inside a quotation or a known compound name.
  if (quoteDepth > 0) return false;
  if (!isSpace(text[index - 1]) || !isSpace(afterChar) || !isUpperLetter(following)) return false;
  // The compound's words end within 80 characters before the dash's white space, its follower's begin right after.
  const before = text.slice(Math.max(0, last - 80), index);
  const after = text.slice(index + 1, next + 80);
  if (PROTECTED_COMPOUNDS.some((re) => re.test(before)) && PROTECTED_FOLLOWERS.some((re) => re.test(after))) {
    return false;
  }
  return true;
}

export function splitBullets(cellText: string): SplitCell {
  const pieces: string[] = [];
  let current = "";
  let quoteDepth = 0;
  let straightQuoteOpen = false;
  let sawBullet = false;
  let lead = "";

  for (let i = 0; i < cellText.length; i++) {
    const char = cellText[i]!;
    if (DASHES.has(char) && isBulletAt(cellText, i, quoteDepth + (straightQuoteOpen ? 1 : 0))) {
      if (sawBullet) pieces.push(current);
      else lead = current;
      current = "";
      sawBullet = true;
      // An unclosed quotation must not swallow the items after it.
      quoteDepth = 0;
      straightQuoteOpen = false;
      continue;
    }
    if (OPENING_QUOTES.has(char)) quoteDepth++;
    else if (CLOSING_QUOTES.has(char)) quoteDepth = Math.max(0, quoteDepth - 1);
    else if (char === '"') straightQuoteOpen = !straightQuoteOpen;
    current += char;
  }
  if (sawBullet) pieces.push(current);
  else lead = current;

  return {
    lead: collapseSpaces(lead),
    items: pieces.map(collapseSpaces).filter((item) => item.length > 0),
  };
}
