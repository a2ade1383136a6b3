import { ZaloChatModel } from "../../models/zalo-chat.ts";
import { reportButton } from "../chat/callback-data.ts";
import { numberForZaloId } from "../chat-networks.ts";
import type { Choice, OfferedChoices } from "./zalo-text.ts";

/** The Zalo chats the bot knows, by Zalo id and by number. */
export interface ZaloChatRecord {
  zaloId: string;
  chatId: number;
  displayName: string;
  /** The last question's or menu's choices, and the tasks of the last push or reminder. */
  offered: OfferedChoices;
  reports: OfferedChoices;
}

const zaloIds = new Map<number, string>();

/** The chat of a Zalo user, made on their first message; its number never changes. */
export async function zaloChatFor(zaloId: string, displayName: string): Promise<ZaloChatRecord> {
  for (let salt = 0; salt < 4; salt++) {
    const chatId = numberForZaloId(zaloId, salt);
    try {
      const chat = await ZaloChatModel.findOneAndUpdate(
        { zaloId },
        { $setOnInsert: { zaloId, chatId }, $set: { displayName } },
        { upsert: true, returnDocument: "after", lean: true },
      );
      if (!chat) throw new Error("an upsert returned nothing");
      zaloIds.set(chat.chatId, zaloId);
      return toRecord(chat);
    } catch (error) {
      // Two Zalo ids with the same number: the second takes the next one.
      if ((error as { code?: number }).code !== 11000 || (await ZaloChatModel.exists({ zaloId }))) throw error;
    }
  }
  throw new Error(`no free chat number for Zalo user ${zaloId}`);
}

export async function zaloIdOf(chatId: number): Promise<string | null> {
  const known = zaloIds.get(chatId);
  if (known) return known;
  const chat = await ZaloChatModel.findOne({ chatId }, { zaloId: 1 }).lean();
  if (chat) zaloIds.set(chatId, chat.zaloId);
  return chat?.zaloId ?? null;
}

const allReports = (choices: Choice[]) => choices.length > 0 && choices.every((choice) => reportButton.read(choice.data));

/**
 * A message the bot sent to a Zalo chat: its number (Zalo's own ids are strings), and its choices
 * become what a number answers. A due list's tasks are kept apart from a question's choices, so
 * that a push arriving in the middle of a dialogue does not change what "2" means there, and a
 * finished dialogue does not hide the push's tasks; the pages of one due list add up, so "12"
 * still names task 12 after page two arrives.
 */
export async function recordSentMessage(chatId: number, choices: Choice[], now: Date): Promise<number> {
  const reports = allReports(choices);
  const asked = choices.length > 0 && !reports ? { $set: { choices, choicesAt: now } } : {};
  const chat = await ZaloChatModel.findOneAndUpdate({ chatId }, { $inc: { lastMessageId: 1 }, ...asked }, { returnDocument: "after", lean: true, projection: { lastMessageId: 1, reportChoices: 1 } });
  const messageId = chat?.lastMessageId ?? 1;
  if (choices.length > 0 && !reports) await ZaloChatModel.updateOne({ chatId }, { $set: { choicesMessageId: messageId } });
  if (!reports) return messageId;
  const previous = (chat?.reportChoices ?? []) as Choice[];
  const samePeriod = allReports(previous) && reportButton.read(previous[0]!.data)!.period === reportButton.read(choices[0]!.data)!.period;
  const numbers = new Set(choices.map((choice) => choice.number));
  const merged = samePeriod ? [...previous.filter((choice) => !numbers.has(choice.number)), ...choices] : choices;
  await ZaloChatModel.updateOne({ chatId }, { $set: { reportChoices: merged, reportChoicesMessageId: messageId, reportChoicesAt: now } });
  return messageId;
}

interface StoredChat {
  zaloId: string;
  chatId: number;
  displayName?: string | null;
  choices?: unknown;
  choicesMessageId?: number | null;
  choicesAt?: Date | null;
  reportChoices?: unknown;
  reportChoicesMessageId?: number | null;
  reportChoicesAt?: Date | null;
}

function toRecord(chat: StoredChat): ZaloChatRecord {
  return {
    zaloId: chat.zaloId,
    chatId: chat.chatId,
    displayName: chat.displayName ?? "",
    offered: { choices: (chat.choices ?? []) as Choice[], messageId: chat.choicesMessageId ?? null, at: chat.choicesAt ?? null },
    reports: { choices: (chat.reportChoices ?? []) as Choice[], messageId: chat.reportChoicesMessageId ?? null, at: chat.reportChoicesAt ?? null },
  };
}
