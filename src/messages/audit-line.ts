import { formatLocalDateTime } from "../time/calendar.ts";

/** One audit entry as a line for a person: local time, who, what, on what, and details with agency codes instead of ids. */
export interface AuditLineEntry {
  at: Date;
  actor?: { via?: string | null; name?: string | null; telegramId?: number | null } | null;
  action: string;
  subject?: { kind?: string | null; id?: string | null } | null;
  details?: unknown;
}

/** Details that are keys to a role or a chat: older versions wrote invite and link codes into the audit. */
const SECRET_DETAILS = new Set(["code", "linkCode"]);
const OBJECT_ID = /^[0-9a-f]{24}$/;

export function formatAuditLine(entry: AuditLineEntry, agencyCodes: Map<string, string>, timeZone: string): string {
  const who = [entry.actor?.name, entry.actor?.telegramId ? `(${entry.actor.telegramId})` : null].filter(Boolean).join(" ") || "-";
  // An invite named by its code (before invites were named by id) is shown without it.
  const subjectId = entry.subject?.kind === "invite" && entry.subject.id && !OBJECT_ID.test(entry.subject.id) ? null : entry.subject?.id;
  const subject = `${entry.subject?.kind ?? "-"}${subjectId ? ` ${agencyCodes.get(subjectId) ?? subjectId}` : ""}`;
  const details = JSON.stringify(entry.details ?? {}, (key, value: unknown) => {
    if (SECRET_DETAILS.has(key)) return undefined;
    return typeof value === "string" && agencyCodes.has(value) ? agencyCodes.get(value) : value;
  });
  return `${formatLocalDateTime(entry.at, timeZone)} · ${entry.actor?.via ?? "-"} · ${who} · ${entry.action} · ${subject} · ${details}`;
}
