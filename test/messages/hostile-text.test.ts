import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../../devkit/bot-api/telegram-html.ts";
import { computeDigest } from "../../src/digest/digest-figures.ts";
import type { AgencyView, MilestoneView, ReportView } from "../../src/followup/milestone-view.ts";
import { monthFigures, overdueTasks, sumAnswers } from "../../src/followup/month-figures.ts";
import { yearEndSummary } from "../../src/followup/year-end.ts";
import { forChat, messageTranslatorFor } from "../../src/i18n.ts";
import { calendarYearHtml } from "../../src/messages/calendar-messages.ts";
import { dailySummaryHtml } from "../../src/messages/daily-summary-message.ts";
import { failedDeliveriesHtml } from "../../src/messages/delivery-messages.ts";
import { formatDigest } from "../../src/messages/digest-message.ts";
import { agencyListHtml, ambiguousAgencyHtml, awayListHtml, memberListHtml, unmatchedUnitsHtml } from "../../src/messages/directory-messages.ts";
import { formatDueList } from "../../src/messages/due-list-message.ts";
import { formatRoundInvitation, formatRoundTotals } from "../../src/messages/nomination-messages.ts";
import { formatPlanPreview } from "../../src/messages/plan-preview-message.ts";
import { evidenceQuestionText, milestoneChoiceText, noteQuestionText, reportHeader, reportSummaryText } from "../../src/messages/progress-report-messages.ts";
import { splitMessage } from "../../src/messages/split-message.ts";
import { formatAgencyStatus, formatEscalation, formatMonthStatus, formatOverdue, formatSilentAgencies, formatYearEnd } from "../../src/messages/status-messages.ts";
import { roundTotals } from "../../src/nominations/round-totals.ts";
import { WorkingCalendar } from "../../src/time/working-calendar.ts";

/**
 * Whatever a person or a file puts into a field — a plan's number, a task, a unit's or an
 * agency's name, a note, a display name, a round's title, a day off's name — every view renders
 * it as text: Telegram's HTML parser (the local Bot API server's, written from Telegram's
 * documentation) accepts every message, and the reader sees the field as it was typed.
 */
const PIECES = ["<", ">", "&", '"', "'", "&amp;", "&lt;", "<b>", "</i>", "<a href=\"x\">", "&#60;", "🎖", "Sở Nội vụ", "Ủy ban", "Đồng chí", " ", "x", "\n", "tỉnh.", "%", "{ $x }", "\\"];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join("").trim() || "<>");
/** A field shown on one line (names, titles): the same without line breaks. */
const hostileLine = hostile.map((text) => text.replace(/\n/g, " ").trim() || "<&>");

// As in a private Telegram chat: `$network` is given, as ctx.t and forChat give it.
const t = forChat(messageTranslatorFor("vi"), 42);
const en = forChat(messageTranslatorFor("en"), 42);

/** Every part of the message is HTML Telegram accepts; the text it shows. */
function shown(message: string): string {
  return splitMessage(message)
    .map((part) => {
      const reading = parseTelegramHtml(part);
      if (!reading.ok) throw new Error(`${reading.description}\n--- in ---\n${part}`);
      return reading.text;
    })
    .join("\n");
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
function expectShows(message: string, ...fields: string[]): void {
  const text = collapse(shown(message));
  for (const field of fields) expect(text).toContain(collapse(field));
}

const RUNS = { numRuns: 40 };
const MONTH = { year: 2026, month: 3 };

function province(names: { agency: string; task: string; row: string; note: string; bloc: string }) {
  const agencies: AgencyView[] = [
    { id: "a1", code: "SNV", name: names.agency, bloc: "K1" },
    { id: "a2", code: "STC", name: `${names.agency} 2`, bloc: null },
  ];
  const milestone = (id: string, position: number, months: number[]): MilestoneView => ({
    id, planId: "p1", year: 2026, row: names.row, position, text: names.task, months, recurring: false, due: null,
    leadAgencyIds: ["a1", "a2"], coordinatingAgencyIds: [], allAgencies: false, allAgenciesRole: null,
  });
  const milestones = [milestone("m1", 1, [3]), milestone("m2", 2, [1, 2])];
  const reports: ReportView[] = [{ milestoneId: "m1", agencyId: "a1", period: "2026-03", status: "in-progress", percent: 40, note: names.note, reportedAt: new Date("2026-03-05T02:00:00Z") }];
  const figures = monthFigures({ month: MONTH, milestones, agencies, answers: sumAnswers(milestones, agencies, MONTH, reports), inUse: true });
  const overdue = overdueTasks({ month: MONTH, today: "2026-03-20", milestones, agencies, leads: new Map() });
  return { agencies, milestones, reports, figures, overdue };
}

describe("hostile text in every view", () => {
  it("the plan preview: number, title, tasks, unit names, rows without months", () => {
    fc.assert(
      fc.property(hostileLine, hostileLine, hostile, hostileLine, (number, title, task, unit) => {
        const plan = {
          title, year: 2026, issuer: null, number, issuedOn: null,
          milestones: [{ row: number, text: task, months: [], recurring: false, due: null, units: [{ name: unit, role: "lead" as const }], allAgencies: false }],
          warnings: [{ code: "time-unreadable" as const, row: number, params: { row: number, time: task } }],
        };
        expectShows(formatPlanPreview(plan, [unit], t), number, title, unit);
      }),
      RUNS,
    );
  });

  it("the progress report's questions and summary, and the due list", () => {
    fc.assert(
      fc.property(hostile, hostileLine, hostile, (task, fileName, note) => {
        const milestone = { text: task, months: [3], recurring: false, due: null };
        const header = reportHeader(t, milestone);
        shown(milestoneChoiceText(t, MONTH, [{ number: 1, text: task, answered: true }]));
        shown(noteQuestionText(t, note, 1000));
        expectShows(evidenceQuestionText(t, { fileName }), fileName);
        expectShows(reportSummaryText(t, header, { status: "in-progress", percent: 40, note, evidence: { fileName } }), note, fileName);
        const { milestones } = province({ agency: "A", task, row: "1", note, bloc: "K" });
        const message = formatDueList({ lead: milestones, coordinating: [] }, t("push-heading", { month: "3", year: "2026", agency: fileName, count: 2 }), t);
        expectShows(message.html, fileName);
      }),
      RUNS,
    );
  });

  it("the secretariat's views, the escalation, the digest and the year's end", () => {
    fc.assert(
      fc.property(hostileLine, hostile, hostileLine, hostile, hostileLine, (agency, task, row, note, person) => {
        const { agencies, milestones, reports, figures, overdue } = province({ agency, task, row, note, bloc: person });
        expectShows(formatMonthStatus(figures, t));
        const rows = [{ milestone: milestones[0]!, role: "lead" as const, answer: "in-progress" as const, percent: 40, note }];
        expectShows(formatAgencyStatus(figures.agencies[0]!, rows, MONTH, t), agency, note);
        expectShows(formatSilentAgencies(figures, t, new Map()), `${agency} 2`);
        expectShows(formatEscalation(figures.agencies, MONTH, 3, new Map([["a2", [{ displayName: person, username: null }]]]), t), person);
        expectShows(formatOverdue(overdue, t, 2026), agency);
        const digest = computeDigest({ figures, monthsBefore: [figures, figures], overdue, blocNames: new Map([["K1", person]]), rounds: [{ seq: 1, title: task, submitted: 1, asked: 2, collective: 3, individual: 4, daysLeft: 5 }], noBlocName: "-" });
        expectShows(formatDigest(digest, null, MONTH, t), person);
        expectShows(formatDigest(digest, null, MONTH, en), person);
        expectShows(formatYearEnd(yearEndSummary(2026, milestones, agencies, reports), t), agency);
      }),
      RUNS,
    );
  });

  it("rounds, the directory, members, absences, failed sends, the daily summary and days off", () => {
    fc.assert(
      fc.property(hostileLine, hostileLine, hostileLine, hostile, (title, award, name, error) => {
        const round = { seq: 2, title, kind: "nomination", deadline: "30/11/2026 17:00" };
        expectShows(formatRoundInvitation(round, [award], t), title, award);
        const totals = roundTotals(["A"], ["a1", "a2"], [{ agencyId: "a1", counts: [{ award: "A", collective: 1, individual: 2 }], submittedAt: new Date(), version: 1 }]);
        expectShows(formatRoundTotals({ ...round, status: "open", daysLeft: 3 }, totals, { award: new Map([["A", { name: award, scope: "both" }]]), agency: new Map([["a1", name], ["a2", title]]) }, t), name, title);
        expectShows(agencyListHtml(t, [{ code: "SNV", name, bloc: "K1" }]), name);
        expectShows(ambiguousAgencyHtml(t, [{ code: "SNV", name }]), name);
        expectShows(unmatchedUnitsHtml(t, [name]), name);
        expectShows(memberListHtml(t, [{ name, chatId: 42, roles: award, status: "" }]), name, award);
        expectShows(awayListHtml(t, t("away-usage", { until: "01/03/2026" }), [{ name, agency: title, until: "20/03/2026" }]), name, title);
        expectShows(failedDeliveriesHtml(t, [{ at: "05/03/2026 08:00", who: name, agency: title, chatId: 1, purpose: "monthly-push", error }]), name);
        expectShows(dailySummaryHtml(t, { date: "05/03/2026", progressReports: 1, nominationReports: 0, perAgency: [{ name, count: 1 }], overdue: 0, reporting: { reported: 1, owing: 2, partly: 0, notReported: 1 }, failedDeliveries: 1 }), name);
        const calendar = new WorkingCalendar([{ date: "2026-09-01", kind: "off", name }]);
        expectShows(calendarYearHtml(t, 2026, calendar.notableDays(2026), "vi"), name);
        // Translations insert what people wrote as text, in every message sent unasked.
        expectShows(t("report-group-notice", { agency: name, milestone: title, status: "Hoàn thành", percent: "", version: 1 }), name, title);
        expectShows(t("member-unreachable", { name, agency: title }), name, title);
        expectShows(t("round-reopened-for-you", { seq: 1, title, until: "01/12/2026", network: "telegram" }), title);
        expectShows(t("invite-created", { role: "cán bộ", agency: name, link: "https://t.me/x?start=y", code: "abc", expires: "x" }), name);
      }),
      RUNS,
    );
  });
});
