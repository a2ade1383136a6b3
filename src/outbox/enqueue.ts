import type { Types } from "mongoose";
import { OutboxMessageModel } from "../../models/outbox-message.ts";

export interface OutgoingMessage {
  /** Same key, same message: enqueuing it again does nothing. */
  key: string;
  chatId: number;
  text: string;
  replyMarkup?: unknown;
  purpose: string;
  member?: Types.ObjectId | string | null;
  about?: { agency?: Types.ObjectId | string | null; period?: string | null; milestones?: (Types.ObjectId | string)[] };
  notBefore: Date;
  /** Page 1, 2 … of what one chat gets at once: the first page to every chat goes before anyone's second. */
  position?: number;
}

/** A picture to send, with an optional caption. */
export interface OutgoingPhoto {
  key: string;
  chatId: number;
  png: Buffer;
  caption?: string;
  purpose: string;
  member?: Types.ObjectId | string | null;
  notBefore: Date;
}

export function enqueuePhoto(photo: OutgoingPhoto): Promise<boolean> {
  return insertOnce(photo.key, {
    chatId: photo.chatId,
    method: "sendPhoto",
    payload: { photo: photo.png.toString("base64"), ...(photo.caption ? { caption: photo.caption } : {}) },
    purpose: photo.purpose,
    member: photo.member ?? null,
    about: { agency: null, period: null, milestones: [] },
    notBefore: photo.notBefore,
  });
}

/** Inserts the outbox entry unless its key is there already; true when it is new. */
async function insertOnce(key: string, fields: Record<string, unknown>): Promise<boolean> {
  const result = await OutboxMessageModel.updateOne({ key }, { $setOnInsert: { key, ...fields, state: "pending", attempts: 0 } }, { upsert: true });
  return result.upsertedCount === 1;
}

function messageFields(message: OutgoingMessage): Record<string, unknown> {
  return {
    chatId: message.chatId,
    method: "sendMessage",
    payload: {
      text: message.text,
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
    },
    purpose: message.purpose,
    member: message.member ?? null,
    about: { agency: message.about?.agency ?? null, period: message.about?.period ?? null, milestones: message.about?.milestones ?? [] },
    notBefore: message.notBefore,
    position: message.position ?? 0,
  };
}

/** Stores a message for the sender; true when it is new, false when that key was queued before. */
export function enqueueMessage(message: OutgoingMessage): Promise<boolean> {
  return insertOnce(message.key, messageFields(message));
}

/**
 * Stores many messages in a few round trips (a push to every officer of a province): keys
 * already queued are left as they are. Returns how many were new and how many were there.
 */
export async function enqueueMessages(messages: OutgoingMessage[]): Promise<{ enqueued: number; alreadyQueued: number }> {
  let enqueued = 0;
  for (let start = 0; start < messages.length; start += 1000) {
    const batch = messages.slice(start, start + 1000).map((message) => ({ key: message.key, ...messageFields(message), state: "pending", attempts: 0 }));
    try {
      enqueued += (await OutboxMessageModel.insertMany(batch, { ordered: false })).length;
    } catch (error) {
      type WriteError = { code?: number; err?: { code?: number } };
      const failure = error as { code?: number; writeErrors?: WriteError[] | WriteError };
      const errors = Array.isArray(failure.writeErrors) ? failure.writeErrors : failure.writeErrors ? [failure.writeErrors] : [];
      const duplicatesOnly = errors.length > 0 ? errors.every((e) => (e.code ?? e.err?.code) === 11000) : failure.code === 11000;
      if (!duplicatesOnly) throw error;
      enqueued += batch.length - errors.length;
    }
  }
  return { enqueued, alreadyQueued: messages.length - enqueued };
}
