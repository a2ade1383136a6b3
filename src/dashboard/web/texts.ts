/** The page's sentences, from locales/*.ftl (embedded by the server); Vietnamese first. */
export type Lang = "vi" | "en";

const all = JSON.parse(document.getElementById("texts")?.textContent ?? "{}") as Record<Lang, Record<string, string>>;
let lang: Lang = "vi";

export function setLang(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
}

export const currentLang = () => lang;

export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = all[lang]?.[key] ?? all.vi?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** "3/2018" from "2018-03". */
export function monthLabel(period: string): string {
  return `${Number(period.slice(5, 7))}/${period.slice(0, 4)}`;
}

/** A whole percent rounded down, as every view of dondoc shows the share (99.6 % is not 100 %). */
export function percent(answered: number, owed: number): string {
  return owed === 0 ? "—" : `${Math.floor((answered * 100) / owed)}%`;
}

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}
