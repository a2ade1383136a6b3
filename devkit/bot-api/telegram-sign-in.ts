import { sign } from "@telegram-apps/init-data-node";
import { createHash, createHmac } from "node:crypto";

/**
 * What Telegram hands a page when a person presses a Web App or a login button, made here as
 * Telegram makes it (signed with the bot's token), so the sandbox and the tests open the
 * dashboard exactly as Telegram would.
 */
export interface SignInUser {
  id: number;
  first_name: string;
  language_code?: string;
}

/** A Mini App's launch data (`Telegram.WebApp.initData`) for `user` at `at`. */
export function launchData(user: SignInUser, token: string, at: Date): string {
  return sign({ user, query_id: `AAH${user.id}`, chat_type: "sender" } as never, token, at);
}

/** The address a Web App button opens: the page with the launch data and the theme in its fragment. */
export function webAppAddress(url: string, user: SignInUser, token: string, at: Date, theme: Record<string, string>): string {
  const fragment = new URLSearchParams({ tgWebAppData: launchData(user, token, at), tgWebAppVersion: "8.0", tgWebAppPlatform: "unknown", tgWebAppThemeParams: JSON.stringify(theme) });
  return `${url}#${fragment.toString()}`;
}

/** The query a login button adds to its address: every field signed with SHA-256 of the token as key. */
export function loginQuery(user: SignInUser, token: string, at: Date): string {
  const fields: Record<string, string> = { id: String(user.id), first_name: user.first_name, auth_date: String(Math.floor(at.getTime() / 1000)) };
  const check = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("\n");
  const hash = createHmac("sha256", createHash("sha256").update(token).digest()).update(check).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

/** Telegram's light theme, as a Mini App receives it. */
export const TELEGRAM_LIGHT_THEME: Record<string, string> = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#999999",
  link_color: "#2481cc",
  button_color: "#2481cc",
  button_text_color: "#ffffff",
  secondary_bg_color: "#efeff3",
  section_bg_color: "#ffffff",
};
