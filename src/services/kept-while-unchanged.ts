import { onWritten, readGenerations } from "../../models/write-generation.ts";

/**
 * Values read on almost every update from collections that change a few times a month (members,
 * agencies, plans and their tasks, settings), kept in this process while those collections are
 * unchanged. A write here forgets them at once; a write on another instance raises its
 * collection's generation (models/write-generation.ts), which this process reads at most once
 * every CHECK_MS for all that it keeps — so such a write is seen that much later at most.
 */
const CHECK_MS = 1_000;

const everyKept = new Set<KeptWhileUnchanged<unknown>>();
let seen = new Map<string, number>();
let checkedAt = -Infinity;
let checking: Promise<void> | null = null;

async function checkGenerations(): Promise<void> {
  if (performance.now() - checkedAt < CHECK_MS) return;
  checking ??= readGenerations()
    .then((generations) => {
      for (const kept of everyKept) if (kept.collections.some((name) => generations.get(name) !== seen.get(name))) kept.forget();
      seen = generations;
      checkedAt = performance.now();
    })
    .finally(() => (checking = null));
  await checking;
}

export class KeptWhileUnchanged<V> {
  private readonly kept = new Map<string, V>();
  /** Reads under way: a burst of updates that all miss at once reads once. */
  private readonly reading = new Map<string, { writes: number; value: Promise<V> }>();
  /** Writes heard while a value was being read: such a value may be from before them, and is not kept. */
  private writes = 0;

  constructor(readonly collections: string[]) {
    for (const name of collections) onWritten(name, () => this.forget());
    everyKept.add(this as KeptWhileUnchanged<unknown>);
  }

  /** The value kept under `key`, else `load`'s, kept when `keep` says so. */
  async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    await checkGenerations();
    if (this.kept.has(key)) return this.kept.get(key)!;
    const under = this.reading.get(key);
    if (under && under.writes === this.writes) return under.value;
    const writes = this.writes;
    const value = load();
    this.reading.set(key, { writes, value });
    try {
      const read = await value;
      if (writes === this.writes && keep(read)) this.kept.set(key, read);
      return read;
    } finally {
      if (this.reading.get(key)?.value === value) this.reading.delete(key);
    }
  }

  forget(): void {
    this.writes++;
    this.kept.clear();
  }
}

/** The next read checks the generations, whenever they were last read (a test standing in for the second that passes). */
export function checkGenerationsAtNextRead(): void {
  checkedAt = -Infinity;
}

/** Forgets everything kept (tests that empty the database between cases; a bench seeded by another process). */
export function forgetEverythingKept(): void {
  for (const kept of everyKept) kept.forget();
  seen = new Map();
  checkedAt = -Infinity;
}
