import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../src/config.ts";
import type { Metrics } from "../src/observability/metrics.ts";
import type { Clock } from "../src/time/clock.ts";
import { flushGroupNotices } from "../src/services/group-notices.ts";
import { loadSendRules } from "../src/services/working-calendar.ts";
import { startOfLocalMonth } from "../src/time/calendar.ts";
import { jobContext } from "./context-from-config.ts";
import { CATCH_UP, JOB_NAMES, occurrenceKey, runJob, unfinishedOccurrences, type JobName } from "./registry.ts";
import type { Log } from "../src/observability/logger.ts";

/**
 * Runs every job at its occurrences as `jobs schedule` prints them: cron moved by the working
 * calendar. node-cron ticks each minute; a tick runs what fell due since the last one and has
 * not finished, so a busy event loop or a short pause loses nothing. At start-up the push and
 * the reminders missed this month run at once, and this week's digest; other jobs look back an
 * hour.
 */
type SchedulerConfig = Pick<Config, "timeZone" | "defaultLocale" | "secretariatChatId" | "schedules"> & Partial<Pick<Config, "quietHours" | "escalationWorkingDays" | "retentionDays">>;

const RECENT_LOOKBACK_MS = 60 * 60_000;
/** This week's digest, missed while down, still goes (after a restart on Monday evening, the next morning). */
const DIGEST_LOOKBACK_MS = 6 * 86_400_000;

export class JobScheduler {
  private tasks: ScheduledTask[] = [];
  private running = new Set<Promise<unknown>>();
  private inFlight = new Set<string>();
  private lastTick: Date | null = null;

  constructor(
    private readonly config: SchedulerConfig,
    private readonly clock: Clock,
    private readonly afterRun: () => void,
    private readonly log: Log,
    private readonly metrics?: Metrics,
  ) {}

  private rulesConfig() {
    return { timeZone: this.config.timeZone, quietHours: this.config.quietHours ?? null };
  }

  private async run(name: JobName, asOf: Date): Promise<void> {
    const key = occurrenceKey(name, asOf, this.config.timeZone);
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    const work = runJob(name, jobContext(this.config, asOf), this.config.schedules)
      .then((result) => {
        this.log(`job ${result.key}: ${result.enqueued} queued, ${result.alreadyQueued} already queued`, { job: name, key: result.key, enqueued: result.enqueued, alreadyQueued: result.alreadyQueued });
        this.metrics?.jobRuns.inc({ job: name, outcome: "ok" });
        this.metrics?.jobLastSuccess.set({ job: name }, Date.now() / 1000);
        this.afterRun();
      })
      .catch((error: unknown) => {
        this.metrics?.jobRuns.inc({ job: name, outcome: "error" });
        this.log(`job ${name} failed: ${(error as Error).message}`, { job: name, key, error: (error as Error).message }, "error");
      });
    this.running.add(work);
    await work;
    this.running.delete(work);
    this.inFlight.delete(key);
  }

  /** At start-up: this month's missed push and reminders, and whatever else fell due in the last hour. */
  async catchUp(): Promise<void> {
    const now = this.clock.now();
    const rules = await loadSendRules(this.rulesConfig());
    const monthStart = startOfLocalMonth(now, this.config.timeZone);
    const others = JOB_NAMES.filter((name) => !CATCH_UP.includes(name) && name !== "weekly-digest");
    const due = [
      ...(await unfinishedOccurrences(new Date(monthStart.getTime() - 1), now, this.config.schedules, rules, CATCH_UP)),
      ...(await unfinishedOccurrences(new Date(now.getTime() - DIGEST_LOOKBACK_MS), now, this.config.schedules, rules, ["weekly-digest"])),
      ...(await unfinishedOccurrences(new Date(now.getTime() - RECENT_LOOKBACK_MS), now, this.config.schedules, rules, others)),
    ].sort((a, b) => a.asOf.getTime() - b.asOf.getTime());
    for (const { name, asOf } of due) await this.run(name, asOf);
    this.lastTick = now;
  }

  /** Runs the occurrences that fell due since the last tick. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    const from = this.lastTick ?? new Date(now.getTime() - 60_000);
    this.lastTick = now;
    const rules = await loadSendRules(this.rulesConfig());
    for (const { name, asOf } of await unfinishedOccurrences(from, now, this.config.schedules, rules)) await this.run(name, asOf);
  }

  /** Posts the gathered report and nomination lines to the secretariat group. */
  async flushNotices(): Promise<void> {
    const enqueued = await flushGroupNotices(this.config, this.clock.now());
    if (enqueued > 0) this.afterRun();
  }

  start(): void {
    const guard = (what: string, work: () => Promise<void>) => () => void work().catch((error: unknown) => this.log(`${what}: ${(error as Error).message}`, {}, "error"));
    this.tasks.push(cron.schedule(this.config.schedules.groupNotices, guard("group notices", () => this.flushNotices()), { timezone: this.config.timeZone, name: "group-notices" }));
    this.tasks.push(cron.schedule("* * * * *", guard("scheduler", () => this.tick()), { timezone: this.config.timeZone, name: "jobs", noOverlap: true }));
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) await task.stop();
    this.tasks = [];
    await Promise.all(this.running);
  }
}
