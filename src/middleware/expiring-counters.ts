/**
 * Counters that run out, with the time given by the caller: the store @grammyjs/ratelimiter
 * counts in (it speaks Redis's INCR and PEXPIRE). Its own memory store clears every counter on a
 * real-time interval; this one follows the clock it is given, so tests need no waiting, and it
 * keeps at most `maxKeys` counters however many people write.
 */
export class ExpiringCounters {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  async incr(key: string): Promise<number> {
    const now = this.now();
    let counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) {
      this.counters.delete(key);
      if (this.counters.size >= this.maxKeys) this.sweep(now);
      counter = { count: 0, expiresAt: Number.POSITIVE_INFINITY };
      this.counters.set(key, counter);
    }
    counter.count++;
    return counter.count;
  }

  async pexpire(key: string, milliseconds: number): Promise<number> {
    const counter = this.counters.get(key);
    if (!counter) return 0;
    counter.expiresAt = this.now() + milliseconds;
    return 1;
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    for (const key of this.counters.keys()) {
      if (this.counters.size < this.maxKeys * 0.9) break;
      this.counters.delete(key);
    }
  }
}
