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
