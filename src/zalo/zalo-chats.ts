import { ZaloChatModel } from "../../models/zalo-chat.ts";
import { readReportButton } from "../callback-data.ts";
import { numberForZaloId } from "../chat-networks.ts";
import type { Choice } from "./zalo-text.ts";

/** The Zalo chats the bot knows, by Zalo id and by number. */
export interface ZaloChatRecord {
  zaloId: string;
  chatId: number;
  displayName: string;
  choices: Choice[];
  choicesMessageId: number | null;
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

export async function nextMessageId(chatId: number): Promise<number> {
  const chat = await ZaloChatModel.findOneAndUpdate({ chatId }, { $inc: { lastMessageId: 1 } }, { returnDocument: "after", lean: true, projection: { lastMessageId: 1 } });
  return chat?.lastMessageId ?? 1;
}

const allReports = (choices: Choice[]) => choices.length > 0 && choices.every((choice) => readReportButton(choice.data));

/**
 * The choices of the message just sent become the ones a number answers. The pages of one due
 * list add up, so "12" still names task 12 after page two arrives.
 */
export async function offerChoices(chatId: number, messageId: number, choices: Choice[]): Promise<void> {
  if (choices.length === 0) return;
  if (allReports(choices)) {
    const current = await ZaloChatModel.findOne({ chatId }, { choices: 1 }).lean();
    const previous = (current?.choices ?? []) as Choice[];
    const samePeriod = allReports(previous) && readReportButton(previous[0]!.data)!.period === readReportButton(choices[0]!.data)!.period;
    if (samePeriod) {
      const numbers = new Set(choices.map((choice) => choice.number));
      choices = [...previous.filter((choice) => !numbers.has(choice.number)), ...choices];
    }
  }
  await ZaloChatModel.updateOne({ chatId }, { $set: { choices, choicesMessageId: messageId } });
}

function toRecord(chat: { zaloId: string; chatId: number; displayName?: string | null; choices?: unknown; choicesMessageId?: number | null }): ZaloChatRecord {
  return { zaloId: chat.zaloId, chatId: chat.chatId, displayName: chat.displayName ?? "", choices: (chat.choices ?? []) as Choice[], choicesMessageId: chat.choicesMessageId ?? null };
}
