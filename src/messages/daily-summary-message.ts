import type { Translate } from "../i18n.ts";
import { bold, lines, trusted } from "./html.ts";

export interface DailySummaryFigures {
  /** DD/MM/YYYY. */
  date: string;
  progressReports: number;
  nominationReports: number;
  /** Progress reports per agency, by name. */
  perAgency: { name: string; count: number }[];
  overdue: number;
  /** Of the agencies that owe answers this month: how many reported in full, in part, not at all. */
  reporting: { reported: number; owing: number; partly: number; notReported: number };
  failedDeliveries: number;
}

/** 17:00 in the secretariat group: what came in since the last summary, and what is still open. */
export function dailySummaryHtml(t: Translate, figures: DailySummaryFigures): string {
  return lines(
    bold(trusted(t("daily-heading", { date: figures.date }))),
    trusted(t("daily-came-in", { progress: figures.progressReports, agencies: figures.perAgency.length, nominations: figures.nominationReports })),
    ...figures.perAgency.map((agency) => `• ${agency.name}: ${agency.count}`),
    trusted(t("daily-overdue", { count: figures.overdue })),
    trusted(t("daily-reporting", figures.reporting)),
    figures.failedDeliveries > 0 && trusted(t("daily-failed", { count: figures.failedDeliveries })),
  ).html;
}
