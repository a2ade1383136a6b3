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
const SENTENCE_END = /[.;:!?…]$/;
const OPENING_QUOTES = new Set(["“", "«", "‘"]);
const CLOSING_QUOTES = new Set(["”", "»", "’"]);
/** Names that contain a spaced dash between capitalised words. */
const PROTECTED_COMPOUNDS = [/thi đua\s*$/i];
const PROTECTED_FOLLOWERS = [/^\s*khen thưởng/i];

function isUpperLetter(char: string | undefined): boolean {
  return char !== undefined && char.toLocaleLowerCase("vi") !== char && char.toLocaleUpperCase("vi") === char;
}

function nextNonSpace(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (!/\s/.test(char)) return char;
  }
  return undefined;
}

function isBulletAt(text: string, index: number, quoteDepth: number): boolean {
  const marker = text[index]!;
  if (marker === ITEM_MARK) return true;
  const before = text.slice(0, index);
  const after = text.slice(index + 1);
  const following = nextNonSpace(text, index + 1);
  if (following === undefined) return false;
  const lineSoFar = before.slice(before.lastIndexOf("\n") + 1);
  // At the start of the cell or of a line: a list item whatever follows.
  if (lineSoFar.trim() === "") return true;
  // Right after the end of a sentence or clause: "… của tỉnh.- Tổ chức …".
  if (SENTENCE_END.test(before.trimEnd()) && /^\s/.test(after)) return true;
  if (SENTENCE_END.test(before.trimEnd()) && marker === "-" && !/^\d/.test(after)) return true;
  // Mid-line " - Capitalised": a new item, unless inside a quotation or a known compound name.
  if (quoteDepth > 0) return false;
  if (!/\s$/.test(before) || !/^\s/.test(after) || !isUpperLetter(following)) return false;
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
