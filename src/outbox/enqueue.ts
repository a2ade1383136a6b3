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

/** Stores a message for the sender; true when it is new, false when that key was queued before. */
export function enqueueMessage(message: OutgoingMessage): Promise<boolean> {
  return insertOnce(message.key, {
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
  });
}
