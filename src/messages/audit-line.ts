import { formatLocalDateTime } from "../time/calendar.ts";

/** One audit entry as a line for a person: local time, who, what, on what, and details with agency codes instead of ids. */
export interface AuditLineEntry {
  at: Date;
  actor?: { via?: string | null; name?: string | null; telegramId?: number | null } | null;
  action: string;
  subject?: { kind?: string | null; id?: string | null } | null;
  details?: unknown;
}

export function formatAuditLine(entry: AuditLineEntry, agencyCodes: Map<string, string>, timeZone: string): string {
  const who = [entry.actor?.name, entry.actor?.telegramId ? `(${entry.actor.telegramId})` : null].filter(Boolean).join(" ") || "-";
  const subject = `${entry.subject?.kind ?? "-"}${entry.subject?.id ? ` ${agencyCodes.get(entry.subject.id) ?? entry.subject.id}` : ""}`;
  const details = JSON.stringify(entry.details ?? {}, (_key, value: unknown) => (typeof value === "string" && agencyCodes.has(value) ? agencyCodes.get(value) : value));
  return `${formatLocalDateTime(entry.at, timeZone)} · ${entry.actor?.via ?? "-"} · ${who} · ${entry.action} · ${subject} · ${details}`;
}
