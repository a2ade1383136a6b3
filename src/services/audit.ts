import { AuditEntryModel } from "../../models/audit-entry.ts";

/** Who did something: a person in chat, a person at the command line, or a scheduled job. */
export interface Actor {
  via: "chat" | "cli" | "job";
  telegramId?: number | null;
  name?: string | null;
}

export const cliActor = (): Actor => ({ via: "cli", name: process.env.USER ?? null });

/**
 * Straight to the driver: an entry is written at every confirmation, its fields are typed here,
 * and mongoose's create (a document, its validation, its save hooks) cost more than the insert.
 * With `once`, the entry is written only if none with that key is there: a confirmation replayed
 * after a crash between its report and its entry writes the entry then, and only once.
 */
export async function recordAudit(
  actor: Actor,
  action: string,
  subject: { kind: string; id?: string | null },
  details: Record<string, unknown>,
  at: Date,
  once?: string,
): Promise<void> {
  const entry = {
    at,
    actor: { telegramId: actor.telegramId ?? null, name: actor.name ?? null, via: actor.via },
    action,
    subject: { kind: subject.kind, id: subject.id ?? null },
    details,
  };
  if (once) await AuditEntryModel.collection.updateOne({ key: once }, { $setOnInsert: entry }, { upsert: true });
  else await AuditEntryModel.collection.insertOne(entry);
}
