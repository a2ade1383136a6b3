import type { ZaloClient } from "./zalo-client.ts";
import type { ZaloUpdate } from "./zalo-updates.ts";
import type { Log } from "../observability/logger.ts";

/**
 * Long polling of Zalo's getUpdates, each update handed on as Zalo sent it (to the intake, which
 * records it and runs it as the Telegram update it means), one after the other (so a chat's
 * answers keep their order). getUpdates takes no offset:
 * Zalo forgets an update once it has given it, so a poll's answers are handled before the next
 * poll. Runs where the lease says the bot polls.
 */
export class ZaloPoller {
  private running = false;
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly client: ZaloClient,
    private readonly handle: (update: ZaloUpdate) => Promise<void>,
    private readonly log: Log = () => undefined,
  ) {}

  /** One poll: the updates Zalo has (waiting up to `timeoutSeconds` for one), each handled. Returns how many. */
  async pollOnce(timeoutSeconds = 30): Promise<number> {
    this.controller = new AbortController();
    const answer = await this.client.call<ZaloUpdate | ZaloUpdate[]>("getUpdates", { timeout: String(timeoutSeconds) }, this.controller.signal);
    if (!answer.ok) {
      // Nothing came before the timeout: Zalo answers that as an error.
      if (answer.error_code === 408) return 0;
      throw new Error(`Zalo getUpdates: ${answer.error_code} ${answer.description}`);
    }
    const updates = Array.isArray(answer.result) ? answer.result : answer.result ? [answer.result] : [];
    for (const update of updates) await this.handle(update);
    return updates.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let pause = 1000;
      while (this.running) {
        try {
          await this.pollOnce();
          pause = 1000;
        } catch (error) {
          if (!this.running) break;
          this.log(`Zalo polling failed, trying again in ${pause / 1000} s: ${(error as Error).message}`, {}, "warn");
          await new Promise((resolve) => setTimeout(resolve, pause));
          pause = Math.min(pause * 2, 60_000);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.controller?.abort();
    await this.loop;
    this.loop = null;
  }
}
