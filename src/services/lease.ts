import { LeaseModel } from "../../models/lease.ts";

/**
 * A lease in MongoDB: one holder at a time. Taking it and renewing it are the same atomic
 * update, which only matches when this instance holds it or it has run out; two instances
 * racing for a free lease are told apart by the unique _id (one insert wins).
 */
export class Lease {
  constructor(
    readonly name: string,
    readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease as of `now`; true when this instance holds it afterwards. */
  async acquire(now: Date): Promise<boolean> {
    try {
      const lease = await LeaseModel.findOneAndUpdate(
        { _id: this.name, $or: [{ holder: this.holder }, { until: { $lte: now } }] },
        { $set: { holder: this.holder, until: new Date(now.getTime() + this.ttlMs) } },
        { upsert: true, returnDocument: "after" },
      ).lean();
      return lease?.holder === this.holder;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Gives the lease up at once (a clean stop), so another instance need not wait for it to run out. */
  async release(): Promise<void> {
    await LeaseModel.deleteOne({ _id: this.name, holder: this.holder });
  }

  /** Who holds it, and until when (for /readyz). */
  async state(): Promise<{ holder: string; until: Date } | null> {
    const lease = await LeaseModel.findById(this.name).lean();
    return lease ? { holder: lease.holder, until: lease.until } : null;
  }
}
