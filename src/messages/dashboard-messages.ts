import type { Translate } from "../i18n.ts";
import { formatLocalDateTime } from "../time/calendar.ts";

/**
 * The signed link to the dashboard, written out in full: Zalo shows text only (no buttons, no
 * links behind words), and a desk's browser needs the address itself.
 */
export function dashboardLinkLine(t: Translate, link: { url: string; expiresAt: Date }, timeZone: string): string {
  return t("dashboard-link", { url: link.url, until: formatLocalDateTime(link.expiresAt, timeZone) });
}

/** The digest's text with the link under it (leaders on Zalo). */
export function withDashboardLink(html: string, line: string): string {
  return `${html}\n\n${line}`;
}
