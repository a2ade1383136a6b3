import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { MongoDBAdapter } from "@grammyjs/storage-mongodb";
import type { StorageAdapter } from "grammy";
import mongoose from "mongoose";

/**
 * Conversation state lives in MongoDB (collection "conversations", one document per chat), so a
 * restart in the middle of a report continues where the officer was.
 */
const COLLECTION = "conversations";

type ConversationState = VersionedState<ConversationData>;

/** Whether a guided conversation is open in a chat (its state is deleted when it ends). */
export async function hasOpenConversation(chatId: number): Promise<boolean> {
  return (await mongoose.connection.db!.collection(COLLECTION).findOne({ key: String(chatId) }, { projection: { _id: 1 } })) !== null;
}

/**
 * What this instance last read or wrote of each chat's conversation state (none open included),
 * so that the state is read from MongoDB only when another instance may have changed it. Safe
 * because a chat's state is only ever touched by that chat's updates, which run one at a time in
 * the chat's turn (src/intake/): the intake forgets a chat here whenever another instance took
 * its turn since this one last did. The least recently used chats are dropped past `max`.
 *
 * Nothing is copied: the conversations plugin reads a chat's state once at the start of an
 * update, changes that object, and writes (or deletes) it once at the end, also when the update
 * failed. So the object kept is the one written last; a write that fails forgets the chat, and
 * the next update reads what the database has.
 */
export class ConversationStateCache {
  private readonly states = new Map<string, ConversationState | null>();

  constructor(private readonly max = 10_000) {}

  forget(chat: number | string): void {
    this.states.delete(String(chat));
  }

  get size(): number {
    return this.states.size;
  }

  wrap(adapter: StorageAdapter<ConversationState>): StorageAdapter<ConversationState> {
    return {
      read: async (key) => {
        if (this.states.has(key)) {
          const known = this.states.get(key)!;
          this.remember(key, known);
          return known ?? undefined;
        }
        const read = await adapter.read(key);
        this.remember(key, read ?? null);
        return read;
      },
      write: async (key, value) => {
        this.states.delete(key);
        await adapter.write(key, value);
        this.remember(key, value);
      },
      delete: async (key) => {
        this.states.delete(key);
        await adapter.delete(key);
        this.remember(key, null);
      },
    };
  }

  private remember(key: string, state: ConversationState | null): void {
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.max) this.states.delete(this.states.keys().next().value!);
  }
}

/** The storage of conversation state; with `cache`, read from MongoDB only when it may have changed. */
export async function mongoConversationStorage(cache?: ConversationStateCache) {
  const db = mongoose.connection.db;
  if (!db) throw new Error("connect mongoose before building the bot");
  const collection = db.collection(COLLECTION);
  await collection.createIndex({ key: 1 }, { unique: true });
  // The adapter bundles its own copy of the driver's types; the collection is the same object.
  const adapter = new MongoDBAdapter<ConversationState>({ collection: collection as never });
  return { type: "key" as const, adapter: cache ? cache.wrap(adapter) : adapter };
}
