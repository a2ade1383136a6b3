/**
 * Telegram delivering a bot's updates to its webhook, behind a reverse proxy in front of several
 * instances, as a test can run it: updates are fetched from the local Bot API server (getUpdates),
 * each is posted with the secret to one instance (in turn, or as `route` says), several at once;
 * an answer other than 200, no answer within `timeoutMs`, or a refused connection (the proxy's
 * 502) is delivered again `retryMs` later, to the next instance, until one answers 200.
 */
export interface DeliveryOptions {
  apiRoot: string;
  token: string;
  secret: string;
  /** The webhook addresses of the instances (a killed one stays in the list, as in a proxy's). */
  targets: string[];
  timeoutMs?: number;
  retryMs?: number;
  /** Deliveries at once (Telegram's max_connections, 40 by default). */
  maxConnections?: number;
  /** Which instance gets an update's first delivery (default: in turn). */
  route?: (update: Record<string, unknown>) => number | Promise<number>;
}

export interface Delivery {
  updateId: number;
  target: number;
  outcome: number | "timeout" | "refused";
}

export class TelegramDelivery {
  readonly deliveries: Delivery[] = [];
  private readonly answered = new Set<number>();
  private readonly waiters: { id: number; resolve: () => void }[] = [];
  private controller = new AbortController();
  private loop: Promise<void> | null = null;
  private next = 0;
  private inFlight = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly options: DeliveryOptions) {}

  start(): void {
    this.loop = this.fetchLoop();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop?.catch(() => undefined);
  }

  /** Resolves when an instance has answered 200 to the update. */
  answered200(updateId: number): Promise<void> {
    if (this.answered.has(updateId)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ id: updateId, resolve }));
  }

  get answeredCount(): number {
    return this.answered.size;
  }

  private async fetchLoop(): Promise<void> {
    let offset = 0;
    while (!this.controller.signal.aborted) {
      let updates: Record<string, unknown>[];
      try {
        const response = await fetch(`${this.options.apiRoot}/bot${this.options.token}/getUpdates`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ offset, timeout: 10 }),
          signal: this.controller.signal,
        });
        updates = ((await response.json()) as { result?: Record<string, unknown>[] }).result ?? [];
      } catch {
        if (this.controller.signal.aborted) return;
        continue;
      }
      for (const update of updates) {
        offset = Number(update.update_id) + 1;
        void this.deliver(update);
      }
    }
  }

  private async slot(): Promise<void> {
    if (this.inFlight < (this.options.maxConnections ?? 40)) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
    this.inFlight++;
  }

  private freeSlot(): void {
    this.inFlight--;
    this.queue.shift()?.();
  }

  private async deliver(update: Record<string, unknown>): Promise<void> {
    const id = Number(update.update_id);
    let target = this.options.route ? await this.options.route(update) : this.next++ % this.options.targets.length;
    const body = JSON.stringify(update);
    while (!this.controller.signal.aborted) {
      await this.slot();
      let outcome: Delivery["outcome"];
      try {
        const response = await fetch(this.options.targets[target % this.options.targets.length]!, {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": this.options.secret },
          body,
          signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.options.timeoutMs ?? 10_000)]),
        });
        outcome = response.status;
        await response.arrayBuffer();
      } catch (error) {
        outcome = (error as Error).name === "TimeoutError" ? "timeout" : "refused";
      } finally {
        this.freeSlot();
      }
      this.deliveries.push({ updateId: id, target: target % this.options.targets.length, outcome });
      if (outcome === 200) {
        this.answered.add(id);
        for (const waiter of this.waiters.filter((w) => w.id === id)) waiter.resolve();
        return;
      }
      if (this.controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, this.options.retryMs ?? 100));
      target++;
    }
  }
}
