import type { Transformer } from "grammy";

/**
 * Every message dondoc writes is Telegram HTML, built in src/messages and by translations that
 * escape what they insert: this one transformer says so on every call that carries text or a
 * caption, so no call site passes `parse_mode` (and none forgets it). Link previews are off: a
 * link in a task or a note is not worth a card under a reminder.
 */
const TEXT = new Set(["sendMessage", "editMessageText"]);
const CAPTION = new Set(["sendPhoto", "sendDocument", "sendVideo", "sendAnimation", "sendAudio", "sendVoice", "editMessageCaption", "copyMessage"]);

export function htmlParseMode(): Transformer {
  return (previous, method, payload, signal) => {
    if (TEXT.has(method) || CAPTION.has(method)) {
      const given = payload as Record<string, unknown>;
      const text = TEXT.has(method);
      const withDefaults = {
        ...(given.parse_mode === undefined && (text ? given.text !== undefined : given.caption !== undefined) ? { parse_mode: "HTML" } : {}),
        ...(text && given.link_preview_options === undefined ? { link_preview_options: { is_disabled: true } } : {}),
        ...given,
      };
      return previous(method, withDefaults as typeof payload, signal);
    }
    return previous(method, payload, signal);
  };
}
