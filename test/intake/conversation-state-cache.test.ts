import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import type { StorageAdapter } from "grammy";
import { describe, expect, it } from "vitest";
import { ConversationStateCache } from "../../src/conversation-storage.ts";

type State = VersionedState<ConversationData>;

/** A storage that counts its reads, holding copies as the database would; `failing` refuses writes. */
function countingStorage() {
  const stored = new Map<string, State>();
  let reads = 0;
  const control = { failing: false };
  const adapter: StorageAdapter<State> = {
    read: (key) => {
      reads++;
      const value = stored.get(key);
      return value && structuredClone(value);
    },
    write: async (key, value) => {
      if (control.failing) throw new Error("down");
      stored.set(key, structuredClone(value));
    },
    delete: (key) => void stored.delete(key),
  };
  return { adapter, stored, control, reads: () => reads };
}

const state = (step: number) => ({ version: [0, "1"], state: { report: [{ step }] } }) as unknown as State;

describe("the conversation state kept beside MongoDB", () => {
  it("reads a chat once, then answers from what it wrote, until the chat ran elsewhere", async () => {
    const storage = countingStorage();
    const cache = new ConversationStateCache();
    const cached = cache.wrap(storage.adapter);
    expect(await cached.read("7")).toBeUndefined();
    await cached.write("7", state(1));
    expect(await cached.read("7")).toEqual(state(1));
    expect(storage.reads()).toBe(1);

    // Another instance ran the chat and moved it on: the database is read again.
    storage.stored.set("7", state(2));
    expect(await cached.read("7")).toEqual(state(1));
    cache.forget(7);
    expect(await cached.read("7")).toEqual(state(2));
    expect(storage.reads()).toBe(2);

    await cached.delete("7");
    expect(await cached.read("7")).toBeUndefined();
    expect(storage.reads()).toBe(2);
  });

  it("forgets a chat whose write failed: the next update reads what the database kept", async () => {
    const storage = countingStorage();
    const cache = new ConversationStateCache();
    const cached = cache.wrap(storage.adapter);
    await cached.write("7", state(1));
    // The plugin changes the object it read, then fails to store it.
    const read = (await cached.read("7"))!;
    (read.state as unknown as { report: { step: number }[] }).report[0]!.step = 2;
    storage.control.failing = true;
    await expect(cached.write("7", read)).rejects.toThrow("down");
    storage.control.failing = false;
    expect(await cached.read("7")).toEqual(state(1));
    expect(storage.reads()).toBe(1);
  });

  it("keeps the chats used last, up to its size", async () => {
    const storage = countingStorage();
    const cache = new ConversationStateCache(2);
    const cached = cache.wrap(storage.adapter);
    await cached.write("1", state(1));
    await cached.write("2", state(2));
    await cached.read("1");
    await cached.write("3", state(3));
    expect(cache.size).toBe(2);
    await cached.read("1");
    expect(storage.reads()).toBe(0);
    await cached.read("2");
    expect(storage.reads()).toBe(1);
  });
});
