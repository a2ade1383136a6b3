/**
 * How the page was opened, read once from its address and then taken out of it (so a reload,
 * a bookmark or a screenshot does not carry a credential): Telegram's launch data in the
 * fragment (a Mini App), a login button's authorisation in the query (the secretariat's
 * group), or a signed link from the bot in the fragment (Zalo, a desk).
 */
export type Credential = { kind: "telegram" | "login" | "link"; value: string };

export interface Launch {
  credential: Credential | null;
  /** Telegram's colours, when opened inside Telegram. */
  theme: Record<string, string> | null;
  inTelegram: boolean;
  /** Telegram's platform (`tgWebAppPlatform`): "weba" and "webk" are Telegram Web, which hosts the page in a frame. */
  platform: string | null;
}

export function readLaunch(): Launch {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  let credential: Credential | null = null;
  const initData = fragment.get("tgWebAppData");
  if (initData) credential = { kind: "telegram", value: initData };
  else if (fragment.get("link")) credential = { kind: "link", value: fragment.get("link")! };
  else if (query.get("hash") && query.get("id")) credential = { kind: "login", value: location.search.slice(1) };
  let theme: Record<string, string> | null;
  try {
    theme = JSON.parse(fragment.get("tgWebAppThemeParams") ?? "null") as Record<string, string> | null;
  } catch {
    theme = null;
  }
  if (credential) history.replaceState(null, "", location.pathname);
  return { credential, theme, inTelegram: initData !== null, platform: fragment.get("tgWebAppPlatform") };
}

/** Telegram's colours as the page's own (themeParams → CSS variables); outside Telegram the page keeps its own. */
export function applyTheme(theme: Record<string, string>): void {
  const names: Record<string, string> = {
    bg_color: "--bg",
    text_color: "--text",
    hint_color: "--hint",
    link_color: "--link",
    button_color: "--button",
    button_text_color: "--button-text",
    secondary_bg_color: "--bg2",
    section_bg_color: "--section",
  };
  for (const [key, variable] of Object.entries(names)) {
    const value = theme[key];
    if (value && /^#[0-9a-fA-F]{3,8}$/.test(value)) document.documentElement.style.setProperty(variable, value);
  }
}

type TelegramWindow = Window & { TelegramWebviewProxy?: { postEvent(type: string, data: string): void }; external?: { notify?: (message: string) => void } };

/** Tells the Telegram app the page is ready and may take the whole height (its Mini App bridge). */
export function telegramReady(platform: string | null): void {
  const post = (type: string) => {
    const w = window as TelegramWindow;
    if (w.TelegramWebviewProxy) w.TelegramWebviewProxy.postEvent(type, "");
    else if (w.external?.notify) w.external.notify(JSON.stringify({ eventType: type, eventData: "" }));
    else if (window.parent !== window && (platform === "weba" || platform === "webk" || platform === "web")) window.parent.postMessage(JSON.stringify({ eventType: type, eventData: "" }), "https://web.telegram.org");
  };
  post("web_app_ready");
  post("web_app_expand");
}
