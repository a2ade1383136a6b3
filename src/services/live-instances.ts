import { LeaseModel } from "../../models/lease.ts";
import { Lease } from "./lease.ts";

/**
 * How many instances are alive on one database: each renews a lease of its own, and counts the
 * leases not run out. With webhooks every instance replies, so each takes its share of
 * Telegram's overall rate from this count.
 */
const PREFIX = "instance:";

export class LiveInstances {
  private readonly own: Lease;

  constructor(instance: string, ttlMs: number) {
    this.own = new Lease(`${PREFIX}${instance}`, instance, ttlMs);
  }

  /** Renews this instance's lease and counts the instances alive (this one included). */
  async beat(now: Date): Promise<number> {
    await this.own.acquire(now);
    const alive = await LeaseModel.countDocuments({ _id: { $regex: `^${PREFIX}` }, until: { $gt: now } });
    return Math.max(1, alive);
  }

  /** Leaves at once on a clean stop, so the others take back their share without waiting. */
  async leave(): Promise<void> {
    await this.own.release();
  }

  /** Beats now and every `everyMs` (real time), telling `changed` each time the count changes. */
  async keepCounting(everyMs: number, changed: (count: number) => void, log: (line: string) => void): Promise<() => Promise<void>> {
    let alive = 0;
    const beat = async () => {
      const count = await this.beat(new Date());
      if (count !== alive) changed((alive = count));
    };
    await beat();
    const timer = setInterval(() => void beat().catch((error: unknown) => log(`instances: ${(error as Error).message}`)), everyMs);
    return async () => {
      clearInterval(timer);
      await this.leave().catch(() => undefined);
    };
  }
}
