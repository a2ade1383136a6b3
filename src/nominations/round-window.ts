/** Whether an agency may still submit to a round: before the deadline, or reopened for it. */
export interface RoundWindow {
  status: "open" | "closed";
  deadline: Date;
  reopenedFor: { agency: string; until: Date }[];
}

export function maySubmit(round: RoundWindow, agencyId: string, now: Date): boolean {
  if (round.reopenedFor.some((entry) => entry.agency === agencyId && entry.until > now)) return true;
  return round.status === "open" && now < round.deadline;
}

/** Whole days left until the deadline, rounded up (0 on the day itself or after). */
export function daysLeft(deadline: Date, now: Date): number {
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000));
}
