import { render } from "preact";
import { ApiError, start } from "./api.ts";
import { App } from "./app.tsx";
import { applyTheme, readLaunch, telegramReady } from "./launch.ts";
import { setLang, t } from "./texts.ts";

/** The dashboard page: read how it was opened, open a session, then show what the role allows. */
const launch = readLaunch();
if (launch.theme) applyTheme(launch.theme);
if (launch.inTelegram) {
  document.documentElement.classList.add("in-telegram");
  telegramReady(launch.platform);
}
const root = document.getElementById("app")!;
// The "…" shown while the script loads goes: Preact adds to what is there rather than replacing it.
root.textContent = "";
const saved = localStorage.getItem("dondoc-dashboard-lang");

start(launch.credential).then(
  ({ me, current }) => {
    setLang(saved === "en" || saved === "vi" ? saved : me.locale);
    render(<App me={me} current={current} />, root);
  },
  (error: unknown) => {
    setLang(saved === "en" ? "en" : navigator.language.startsWith("vi") ? "vi" : "vi");
    const reason = error instanceof ApiError ? error.reason : "network";
    render(
      <main class="refused">
        <h1>{t("dashboard-title")}</h1>
        <p role="alert">{t(`dashboard-refused-${["forged", "expired", "replayed", "missing", "not-a-member", "no-role"].includes(reason) ? reason : "network"}`)}</p>
        <p class="hint">{t("dashboard-how-to-open")}</p>
      </main>,
      root,
    );
  },
);
