import type { YearMonth } from "../time/calendar.ts";

/**
 * The plain data the follow-up rules work on: milestones, reports and agencies as values,
 * with ids as strings. The services turn documents into these; the rules never see mongoose.
 */
export interface MilestoneView {
  id: string;
  planId: string;
  /** The plan's year: months are months of this year. */
  year: number;
  row: string | null;
  position: number;
  text: string;
  months: number[];
  recurring: boolean;
  due: string | null;
  leadAgencyIds: string[];
  coordinatingAgencyIds: string[];
  allAgencies: boolean;
  allAgenciesRole: "lead" | "coordinating" | null;
}

/** What a person is shown of a task (the officer's choices, the dashboard's month): its row, words and window. */
export function taskShown(milestone: MilestoneView) {
  const { id, row, text, months, recurring, due } = milestone;
  return { id, row, text, months, recurring, due };
}

/** The answers a focal officer gives on a milestone, in the order they are offered. */
export const PROGRESS_STATUSES = ["not-started", "in-progress", "done", "blocked"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface ReportView {
  milestoneId: string;
  agencyId: string;
  period: string;
  status: ProgressStatus;
  percent: number;
  note: string;
  reportedAt: Date;
}

/** What a report says for the month's figures: who answered what, on which task, for which month. */
export type AnswerView = Pick<ReportView, "milestoneId" | "agencyId" | "period" | "status">;

export interface AgencyView {
  id: string;
  code: string;
  name: string;
  bloc: string | null;
}

export type AgencyRole = "lead" | "coordinating";

export type { YearMonth };
