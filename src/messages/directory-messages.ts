import type { Translate } from "../i18n.ts";
import { code, html, lines, trusted } from "./html.ts";

/** /coquan: the agencies in force, one line each with its code. */
export function agencyListHtml(t: Translate, agencies: { code: string; name: string; bloc?: string | null }[]): string {
  const blocs = new Set(agencies.map((agency) => agency.bloc).filter(Boolean)).size;
  return lines(
    trusted(t("agencies-count", { count: agencies.length, blocs })),
    ...agencies.map((agency) => html`${code(agency.code)} ${agency.name}`),
    "",
    trusted(t("agencies-usage")),
  ).html;
}

/** /coquan chuakhop: the unit names plans use that no agency answers to. */
export function unmatchedUnitsHtml(t: Translate, names: string[]): string {
  return lines(trusted(t("agency-unmatched", { count: names.length })), ...names.map((name) => `• ${name}`)).html;
}

export interface MemberLine {
  name: string;
  chatId: number;
  /** "Cán bộ đầu mối SNV, Lãnh đạo", already in the reader's language. */
  roles: string;
  /** "đã thu hồi", or empty for an active member. */
  status: string;
}

/** /thanhvien: who joined, with their roles, then how to revoke. */
export function memberListHtml(t: Translate, members: MemberLine[]): string {
  return lines(
    trusted(t("members-heading", { count: members.length })),
    ...members.map((member) => html`• ${member.name} (${code(member.chatId)}): ${member.roles}${member.status ? ` — ${member.status}` : ""}`),
    "",
    trusted(t("members-usage")),
  ).html;
}

/** /vang for the secretariat: who is away, until when. */
export function awayListHtml(t: Translate, heading: string, away: { name: string; agency: string | null; until: string }[]): string {
  return lines(
    trusted(heading),
    "",
    html`<b>${trusted(t("away-list-heading", { count: away.length }))}</b>`,
    ...away.map((member) => html`• ${member.name}${member.agency ? ` (${member.agency})` : ""} — ${trusted(t("away-until", { until: member.until }))}`),
  ).html;
}

/** More than one agency answers to what was typed: the first fifteen, with the codes to send instead. */
export function ambiguousAgencyHtml(t: Translate, found: { code: string; name: string }[]): string {
  return lines(trusted(t("status-agency-ambiguous", { count: found.length })), ...found.slice(0, 15).map((agency) => html`• ${code(agency.code)} ${agency.name}`)).html;
}
