/**
 * Says a thing to someone at most once in a while: the welcome to a stranger, "how to join" in
 * the secretariat's group, "slow down" to a flood. Kept in this process's memory, bounded, with
 * the time given by the caller (the injected clock). With webhooks on several instances each one
 * may say it once.
 */
export const TELL_AGAIN_AFTER_MS = {
  /** The welcome to someone without a role (with how to get an invite). */
  welcome: 10 * 60_000,
  /** In the secretariat's group, to someone who may not see its views: how to join. */
  "join-secretariat": 60 * 60_000,
  /** To someone writing faster than the bot reads: what was not read. */
  "slow-down": 60_000,
} as const;

export type Topic = keyof typeof TELL_AGAIN_AFTER_MS;

export class OncePerPeriod {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  /** True the first time `topic` comes up for `who` in its period; false until the period has passed. */
  take(topic: Topic, who: string): boolean {
    const key = `${topic}:${who}`;
    const now = this.now();
    const until = this.until.get(key);
    if (until !== undefined && until > now) return false;
    this.until.delete(key);
    if (this.until.size >= this.maxKeys) this.sweep(now);
    this.until.set(key, now + TELL_AGAIN_AFTER_MS[topic]);
    return true;
  }

  /** Forgets what has run out; when a flood of new people still fills it, the oldest go first. */
  private sweep(now: number): void {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
    for (const key of this.until.keys()) {
      if (this.until.size < this.maxKeys * 0.9) break;
      this.until.delete(key);
    }
  }
}
