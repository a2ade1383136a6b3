import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../src/config.ts";
import type { Clock } from "../src/outbox/clock.ts";
import { previousOccurrence } from "../src/time/cron-occurrences.ts";
import { jobContext } from "./context-from-config.ts";
import { flushGroupNotices } from "../src/services/group-notices.ts";
import { JOB_NAMES, missedOccurrences, runJob, scheduleOf, type JobName } from "./registry.ts";

/**
 * Runs the jobs on their cron schedules in the province's time zone, and on start-up runs any
 * occurrence of this month that was missed while the process was down.
 */
export class JobScheduler {
  private tasks: ScheduledTask[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly config: Pick<Config, "timeZone" | "defaultLocale" | "secretariatChatId" | "schedules">,
    private readonly clock: Clock,
    private readonly afterRun: () => void,
    private readonly log: (line: string) => void,
  ) {}

  private async run(name: JobName, asOf: Date): Promise<void> {
    const work = runJob(name, jobContext(this.config, asOf), this.config.schedules)
      .then((result) => {
        this.log(`job ${result.key}: ${result.enqueued} queued, ${result.alreadyQueued} already queued`);
        this.afterRun();
      })
      .catch((error: unknown) => this.log(`job ${name} failed: ${(error as Error).message}`));
    this.running.add(work);
    await work;
    this.running.delete(work);
  }

  async catchUp(): Promise<void> {
    const now = this.clock.now();
    const missed = await missedOccurrences(now, this.config.schedules, this.config.timeZone, (expression) =>
      previousOccurrence(expression, now, this.config.timeZone),
    );
    for (const { name, asOf } of missed) await this.run(name, asOf);
  }

  /** Posts the gathered report and nomination lines to the secretariat group. */
  async flushNotices(): Promise<void> {
    const enqueued = await flushGroupNotices(this.config, this.clock.now());
    if (enqueued > 0) this.afterRun();
  }

  start(): void {
    const flush = cron.schedule(this.config.schedules.groupNotices, () => void this.flushNotices().catch((error: unknown) => this.log(`group notices: ${(error as Error).message}`)), {
      timezone: this.config.timeZone,
      name: "group-notices",
    });
    this.tasks.push(flush);
    for (const name of JOB_NAMES) {
      const task = cron.schedule(scheduleOf(name, this.config.schedules), () => void this.run(name, this.clock.now()), {
        timezone: this.config.timeZone,
        name,
      });
      this.tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) await task.stop();
    this.tasks = [];
    await Promise.all(this.running);
  }
}
