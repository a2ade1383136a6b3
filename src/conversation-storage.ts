import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { MongoDBAdapter } from "@grammyjs/storage-mongodb";
import mongoose from "mongoose";

/**
 * Conversation state lives in MongoDB (collection "conversations", one document per chat), so a
 * restart in the middle of a report continues where the officer was.
 */
const COLLECTION = "conversations";

/** Whether a guided conversation is open in a chat (its state is deleted when it ends). */
export async function hasOpenConversation(chatId: number): Promise<boolean> {
  return (await mongoose.connection.db!.collection(COLLECTION).findOne({ key: String(chatId) }, { projection: { _id: 1 } })) !== null;
}

export async function mongoConversationStorage() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("connect mongoose before building the bot");
  const collection = db.collection(COLLECTION);
  await collection.createIndex({ key: 1 }, { unique: true });
  // The adapter bundles its own copy of the driver's types; the collection is the same object.
  return { type: "key" as const, adapter: new MongoDBAdapter<VersionedState<ConversationData>>({ collection: collection as never }) };
}
