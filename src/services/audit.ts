import { AuditEntryModel } from "../../models/audit-entry.ts";

/** Who did something: a person in chat, a person at the command line, or a scheduled job. */
export interface Actor {
  via: "chat" | "cli" | "job";
  telegramId?: number | null;
  name?: string | null;
}

export const cliActor = (): Actor => ({ via: "cli", name: process.env.USER ?? null });

export async function recordAudit(
  actor: Actor,
  action: string,
  subject: { kind: string; id?: string | null },
  details: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await AuditEntryModel.create({
    at,
    actor: { via: actor.via, telegramId: actor.telegramId ?? null, name: actor.name ?? null },
    action,
    subject: { kind: subject.kind, id: subject.id ?? null },
    details,
  });
}
