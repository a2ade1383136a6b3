import type { Clock } from "./time/clock.ts";
import type { Lease } from "./services/lease.ts";
import type { Log } from "./observability/logger.ts";

/**
 * Runs the work only one instance may do while this instance holds the lease: it tries every
 * `renewMs`, starts the work when it gains the lease and stops it when it loses it (the
 * database unreachable, or another instance took over after this one stalled).
 */
export interface LeaderWork {
  gain(): Promise<void>;
  lose(): Promise<void>;
}

export class Leadership {
  private leading = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private turn: Promise<void> = Promise.resolve();
  private firstCheck = true;
  /** The start of the work, run beside the renewals so a long catch-up never lets the lease run out. */
  private starting: Promise<void> = Promise.resolve();

  constructor(
    private readonly lease: Lease,
    private readonly clock: Clock,
    private readonly work: LeaderWork,
    private readonly log: Log,
    private readonly renewMs: number,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** One attempt to take or keep the lease, acting on the change. */
  async check(): Promise<void> {
    let holds = false;
    try {
      holds = await this.lease.acquire(this.clock.now());
    } catch (error) {
      this.log(`lease: ${(error as Error).message}`, {}, "error");
    }
    if (holds && !this.leading) {
      this.leading = true;
      this.log(`lease ${this.lease.name}: leading (${this.lease.holder})`);
      this.starting = this.work.gain().catch((error: unknown) => this.log(`lease ${this.lease.name}: starting the work failed: ${(error as Error).message}`, {}, "error"));
    } else if (!holds && this.leading) {
      this.leading = false;
      this.log(`lease ${this.lease.name}: lost; standing by`, {}, "warn");
      await this.starting;
      await this.work.lose();
    } else if (!holds && !this.leading && this.firstCheck) {
      this.log(`lease ${this.lease.name}: held by another instance; standing by`);
    }
    this.firstCheck = false;
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.turn = this.check().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.renewMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.turn;
    if (this.leading) {
      this.leading = false;
      await this.starting;
      await this.work.lose();
      await this.lease.release().catch(() => undefined);
    }
  }
}
