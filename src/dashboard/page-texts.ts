import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LOCALES, translatorFor, type Locale } from "../i18n.ts";

/**
 * The dashboard page's sentences come from locales/*.ftl like every other sentence dondoc says:
 * the keys below, rendered once with their variables left as "{name}" for the page to fill in
 * (it escapes what it inserts, as every text node is).
 */
const PAGE_KEYS = /^(dashboard-[\w-]+|figures-agencies|figures-tasks|figures-nothing-owed|figures-not-in-use|status-(done|in-progress|blocked|not-started|silent|done-earlier)|status-agency-state-[\w-]+|role-lead|role-coordinating|role-name-[\w-]+|agency-kind-[\w-]+|round-kind-[\w-]+)$/;
const LOCALES_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));

/** Each page key of a locale file with the names of the variables its message uses. */
function pageKeys(locale: Locale): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of readFileSync(`${LOCALES_DIR}${locale}.ftl`, "utf8").split("\n")) {
    const start = /^([a-z][a-z0-9-]*)\s*=/.exec(line);
    if (start) current = PAGE_KEYS.test(start[1]!) && start[1] !== "agency-kind-unknown" ? start[1]! : null;
    else if (!/^\s/.test(line)) current = null;
    if (!current) continue;
    const variables = keys.get(current) ?? [];
    for (const match of line.matchAll(/\{\s*\$(\w+)/g)) if (!variables.includes(match[1]!)) variables.push(match[1]!);
    keys.set(current, variables);
  }
  return keys;
}

export type PageTexts = Record<Locale, Record<string, string>>;

export function pageTexts(): PageTexts {
  const texts = {} as PageTexts;
  for (const locale of LOCALES) {
    const t = translatorFor(locale);
    texts[locale] = Object.fromEntries([...pageKeys(locale)].map(([key, variables]) => [key, t(key, Object.fromEntries(variables.map((name) => [name, `{${name}}`])))]));
  }
  return texts;
}
