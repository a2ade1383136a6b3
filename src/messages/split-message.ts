/** Telegram refuses messages over 4,096 characters. */
export const MESSAGE_LIMIT = 4096;

/**
 * Splits a message at line boundaries so every part fits; a single line longer than the limit
 * is cut at a space. Lines are kept whole where possible so HTML tags stay balanced per line.
 */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = "";
  const push = () => {
    if (current.trim() !== "") parts.push(current.replace(/\n+$/, ""));
    current = "";
  };
  for (const line of text.split("\n")) {
    let rest = line;
    while (rest.length > limit) {
      push();
      const space = rest.lastIndexOf(" ", limit);
      const at = space > limit / 2 ? space : limit;
      parts.push(rest.slice(0, at));
      rest = rest.slice(at).trimStart();
    }
    if (current.length + rest.length + 1 > limit) push();
    current += `${rest}\n`;
  }
  push();
  return parts.length > 0 ? parts : [""];
}
