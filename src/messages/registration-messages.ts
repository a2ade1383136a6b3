import type { Translate } from "../i18n.ts";
import { linesIn, MATCH_STATES, type YearRegistrations } from "../nominations/registration-match.ts";
import { escapeHtml } from "./html.ts";

/**
 * The year's nominations set against its registrations, for /khenthuong and the round's close:
 * per agency and award, registered and proposed, registered but not proposed, proposed without
 * registration (a title proposed without registration is marked).
 */
export function formatRegistrationMatch(year: YearRegistrations, t: Translate): string {
  if (!year.rounds.some((round) => round.kind === "registration")) return t("round-match-none", { year: String(year.year) });
  const lines = [`<b>${t("round-match-heading", { year: String(year.year) })}</b>`];
  for (const state of MATCH_STATES) {
    lines.push("", `<i>${t(`doc-match-${state}`)}</i>`);
    const inState = linesIn(year.match, state);
    if (inState.length === 0) lines.push(t("round-match-empty"));
    for (const line of inState) {
      const award = year.awards.get(line.award);
      const mark = state === "proposed-not-registered" && award?.category === "title" ? ` ${escapeHtml(t("doc-match-title-needs-registration"))}` : "";
      lines.push(t("round-match-line", { agency: year.agencies.get(line.agencyId) ?? "—", award: award?.name ?? line.award, scope: t(`count-${line.scope}`), registered: line.registered, proposed: line.proposed }) + mark);
    }
  }
  return lines.join("\n");
}
