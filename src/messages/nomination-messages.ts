import type { Translate } from "../i18n.ts";
import type { RoundTotals } from "../nominations/round-totals.ts";
import { nominateButton } from "../chat/callback-data.ts";
import { escapeHtml, trusted } from "./html.ts";

/** Texts about nomination rounds: the invitation, the totals, the review before confirming. */
export interface RoundFacts {
  seq: number;
  title: string;
  kind: string;
  deadline: string;
}

export function formatRoundInvitation(round: RoundFacts, awardNames: string[], t: Translate): string {
  return [
    t("round-invitation", { seq: round.seq, title: round.title, kind: trusted(t(`round-kind-${round.kind}`)), deadline: round.deadline }),
    "",
    ...awardNames.map((name) => `• ${escapeHtml(name)}`),
    "",
    t(round.kind === "registration" ? "registration-invitation-footer" : "round-invitation-footer"),
  ].join("\n");
}

/** A fixed-width table of counts, for a phone screen. */
export function formatCountTable(lines: { name: string; collective: number | null; individual: number | null }[], t: Translate): string {
  const width = 28;
  const cell = (value: number | null) => (value === null ? "–" : String(value)).padStart(5);
  const header = `${t("count-award").padEnd(width)} ${t("count-collective-short").padStart(5)} ${t("count-individual-short").padStart(5)}`;
  const rows = lines.map((line) => {
    const name = line.name.length > width ? `${line.name.slice(0, width - 1)}…` : line.name.padEnd(width);
    return `${name} ${cell(line.collective)} ${cell(line.individual)}`;
  });
  return `<pre>${escapeHtml([header, ...rows].join("\n"))}</pre>`;
}

export function formatRoundTotals(
  round: RoundFacts & { status: string; daysLeft: number },
  totals: RoundTotals,
  names: { award: Map<string, { name: string; scope: string }>; agency: Map<string, string> },
  t: Translate,
): string {
  const lines = [
    `<b>${t("round-heading", { seq: round.seq, title: round.title })}</b>`,
    t(round.status === "open" ? "round-open-until" : "round-closed", { deadline: round.deadline, days: round.daysLeft }),
    t("round-submitted", { submitted: totals.byAgency.length, asked: totals.byAgency.length + totals.missing.length }),
    "",
    formatCountTable(
      totals.byAward.map((line) => {
        const award = names.award.get(line.award);
        return {
          name: award?.name ?? line.award,
          collective: award?.scope === "individual" ? null : line.collective,
          individual: award?.scope === "collective" ? null : line.individual,
        };
      }),
      t,
    ),
    t("round-total", { collective: totals.total.collective, individual: totals.total.individual }),
  ];
  if (totals.byAgency.length > 0) {
    lines.push("", `<b>${t("round-by-agency")}</b>`);
    for (const report of totals.byAgency) {
      const collective = report.counts.reduce((s, c) => s + c.collective, 0);
      const individual = report.counts.reduce((s, c) => s + c.individual, 0);
      lines.push(`• ${escapeHtml(names.agency.get(report.agencyId) ?? report.agencyId)}: ${t("round-agency-line", { collective, individual, version: report.version })}`);
    }
  }
  if (totals.missing.length > 0) {
    lines.push("", `<b>${t("round-missing", { count: totals.missing.length })}</b>`);
    for (const id of totals.missing) lines.push(`• ${escapeHtml(names.agency.get(id) ?? id)}`);
  }
  return lines.join("\n");
}

/** The button under a round's invitation, reminder or reopening: the officer's way into the counts (or the registration). */
export function nominateKeyboard(t: Translate, roundId: string, kind = "nomination") {
  return { inline_keyboard: [[{ text: t(kind === "registration" ? "button-register" : "button-nominate"), callback_data: nominateButton.build({ roundId }) }]] };
}

/** The key of a sentence of the counting dialogue in a round's kind: "đăng ký" or "đề nghị". */
export const roundKindKey = (kind: string, name: string) => `${kind === "registration" ? "registration" : "nomination"}-${name}`;
