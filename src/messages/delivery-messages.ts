import type { Translate } from "../i18n.ts";
import { html, italic, lines, shorten, trusted } from "./html.ts";

export interface FailedDeliveryLine {
  at: string;
  who: string | null;
  agency: string | null;
  chatId: number;
  purpose: string;
  error: string;
}

/** /guiloi: what could not be delivered in the last 30 days, to whom and why. */
export function failedDeliveriesHtml(t: Translate, failed: FailedDeliveryLine[]): string {
  return lines(
    html`<b>${trusted(t("failed-heading", { count: failed.length }))}</b>`,
    failed.length === 0 && trusted(t("failed-none")),
    ...failed.map((item) => {
      const who = item.who ? `${item.who}${item.agency ? ` (${item.agency})` : ""}` : String(item.chatId);
      return html`• ${item.at} — ${who}: ${trusted(t(`purpose-${item.purpose}`))} — ${italic(shorten(item.error, 120))}`;
    }),
    failed.length > 0 && "",
    failed.length > 0 && trusted(t("failed-how-to-retry")),
  ).html;
}
