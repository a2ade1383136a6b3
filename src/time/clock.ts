/** Time as the outbox and jobs see it: real in the bot, virtual in tests (no sleeping). */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that stands still until asked to move; sleeping moves it at once. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  async sleep(ms: number): Promise<void> {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(instant: Date): void {
    this.current = new Date(instant);
  }
}

/**
 * Real time moved to start at a given instant (CLOCK_START): a rehearsal of a given day, or a
 * test of several processes that must agree on "now". Time then runs at its normal pace.
 */
export class OffsetClock implements Clock {
  private readonly offsetMs: number;

  constructor(start: Date) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  sleep(ms: number): Promise<void> {
    return systemClock.sleep(ms);
  }
}
