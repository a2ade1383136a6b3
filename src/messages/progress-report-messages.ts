import type { Translate } from "../i18n.ts";
import type { ProgressStatus } from "../followup/milestone-view.ts";
import { describeMonths } from "../plan/describe-months.ts";
import { bold, html, italic, lines, shorten, trusted, type Html } from "./html.ts";

/** The texts of the progress report's questions: built here, sent by conversations/progress-report.ts. */
export interface MilestoneLine {
  number: number;
  text: string;
  /** Already answered this month. */
  answered: boolean;
}

/** "Chọn nhiệm vụ cần báo cáo (tháng 3/2018):" and the numbered tasks. */
export function milestoneChoiceText(t: Translate, period: { month: number; year: number }, shown: MilestoneLine[]): string {
  return lines(
    trusted(t("report-choose", { month: period.month, year: String(period.year) })),
    "",
    ...shown.map((line) => `${line.number}. ${shorten(line.text, 140)}${line.answered ? " ✔️" : ""}`),
  ).html;
}

/** A choice button's words: its number and the task, shortened (buttons are plain text). */
export const milestoneButtonLabel = (line: MilestoneLine) => `${line.number}. ${shorten(line.text, 40)}`;

/** "Nhiệm vụ: … (Tháng 2, 3)" above every question of one report. */
export function reportHeader(t: Translate, milestone: { text: string; months: number[]; recurring: boolean; due: string | null }): Html {
  return html`${bold(trusted(t("report-milestone")))} ${shorten(milestone.text, 300)} ${italic(trusted(`(${describeMonths(milestone, t)})`))}`;
}

export function statusQuestionText(t: Translate, header: Html): string {
  return lines(header, "", trusted(t("report-ask-status"))).html;
}

export function noteQuestionText(t: Translate, currentNote: string, limit: number): string {
  return currentNote ? t("report-ask-note-again", { limit, note: shorten(currentNote, 200) }) : t("report-ask-note", { limit });
}

export function evidenceQuestionText(t: Translate, evidence: { fileName: string | null } | null): string {
  return evidence ? t("report-ask-evidence-again", { name: evidence.fileName ?? t("report-photo") }) : t("report-ask-evidence");
}

export interface ReportDraftView {
  status: ProgressStatus;
  percent: number;
  note: string;
  evidence: { fileName: string | null } | null;
}

/** The summary before "Xác nhận gửi báo cáo?". */
export function reportSummaryText(t: Translate, header: Html, draft: ReportDraftView): string {
  const label = (key: string) => bold(trusted(t(key)));
  const none = trusted(t("report-none"));
  const status = trusted(`${t(`status-${draft.status}`)}${draft.status === "done" ? "" : ` — ${draft.percent}%`}`);
  return lines(
    header,
    html`${label("report-status")} ${status}`,
    html`${label("report-note")} ${draft.note ? draft.note : none}`,
    html`${label("report-evidence")} ${draft.evidence ? (draft.evidence.fileName ?? trusted(t("report-photo"))) : none}`,
    "",
    trusted(t("report-confirm-question")),
  ).html;
}
