import type { InlineKeyboardMarkup } from "grammy/types";
import { isZaloChatId } from "../chat-networks.ts";
import { dashboardUrl } from "../services/dashboard-access.ts";

/**
 * The button that opens the dashboard, as each kind of chat allows it: in a private Telegram chat
 * a Web App button (Telegram opens the page inside itself and signs who opened it); in a group,
 * where Web App buttons are refused, a login button (Telegram adds the person's signed
 * authorisation to the address; the bot's domain must be linked with @BotFather's /setdomain);
 * on Zalo, no button at all (the bot writes a signed link instead).
 */
export type ChatKind = "private" | "group" | "zalo";

export function chatKindOf(chat: { id: number; type: string } | undefined): ChatKind | null {
  if (!chat) return null;
  if (isZaloChatId(chat.id)) return "zalo";
  return chat.type === "private" ? "private" : "group";
}

/**
 * Where people reach the dashboard, when they can from Telegram: Telegram opens only https
 * addresses; a loopback address is for trying dondoc out (the sandbox), never seen by Telegram.
 */
export function dashboardBase(publicBaseUrl: string | undefined): string | null {
  if (!publicBaseUrl) return null;
  const url = new URL(publicBaseUrl);
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  return url.protocol === "https:" || loopback ? publicBaseUrl : null;
}

export function dashboardKeyboard(kind: ChatKind, publicBaseUrl: string | undefined, label: string): InlineKeyboardMarkup | undefined {
  const base = dashboardBase(publicBaseUrl);
  if (!base || kind === "zalo") return undefined;
  const url = dashboardUrl(base);
  return { inline_keyboard: [[kind === "private" ? { text: label, web_app: { url } } : { text: label, login_url: { url } }]] };
}

/** A signed link as a button, for a desk computer (private chats only: anyone in a group could use it). */
export function linkKeyboard(webApp: InlineKeyboardMarkup | undefined, link: string, label: string): InlineKeyboardMarkup {
  return { inline_keyboard: [...(webApp?.inline_keyboard ?? []), [{ text: label, url: link }]] };
}
