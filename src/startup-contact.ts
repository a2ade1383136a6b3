import type { Log } from "./observability/logger.ts";
/**
 * The first call to the Bot API, made patiently: each attempt given `attemptMs`, a line in the log
 * for every failure (Telegram unreachable, a proxy in the way, a wrong token), and attempts
 * spaced from 5 s up to a minute, so a service started before the network is up comes up with it
 * and a person reading the log sees why it waits. A refused token (401/404) is not retried.
 */
export interface ContactOptions {
  attemptMs?: number;
  log: Log;
  sleep?: (ms: number) => Promise<void>;
}

export async function contactPatiently(what: string, attempt: (signal: AbortSignal) => Promise<void>, options: ContactOptions): Promise<void> {
  const attemptMs = options.attemptMs ?? 15_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let pause = 5000;
  for (let tries = 1; ; tries++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${attemptMs / 1000} s`)), attemptMs);
    try {
      await attempt(controller.signal);
      if (tries > 1) options.log(`${what}: reached after ${tries} attempts`);
      return;
    } catch (error) {
      const status = (error as { error_code?: number }).error_code;
      if (status === 401 || status === 404) throw error;
      const reason = controller.signal.aborted ? String((controller.signal.reason as Error)?.message ?? "timed out") : (error as Error).message;
      options.log(`${what} not reached (attempt ${tries}): ${reason}; trying again in ${pause / 1000} s`, {}, "warn");
    } finally {
      clearTimeout(timer);
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 60_000);
  }
}
