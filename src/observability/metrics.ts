import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { OutboxMessageModel } from "../../models/outbox-message.ts";

/**
 * Prometheus metrics (prom-client): updates handled and how long they took, the outbox by state
 * and purpose (read from MongoDB when scraped, so every instance reports the same truth), 429s,
 * and job runs with their last success.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly updates = new Counter({ name: "dondoc_updates_total", help: "Updates handled, by outcome", labelNames: ["outcome"], registers: [this.registry] });
  readonly redelivered = new Counter({ name: "dondoc_updates_redelivered_total", help: "Deliveries of an update already recorded, answered without running it again", registers: [this.registry] });
  readonly updateSeconds = new Histogram({
    name: "dondoc_update_duration_seconds",
    help: "Time to handle one update",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly throttled = new Counter({ name: "dondoc_telegram_429_total", help: "Sends Telegram answered with 429", registers: [this.registry] });
  readonly jobRuns = new Counter({ name: "dondoc_job_runs_total", help: "Scheduled job runs, by job and outcome", labelNames: ["job", "outcome"], registers: [this.registry] });
  readonly jobLastSuccess = new Gauge({ name: "dondoc_job_last_success_timestamp_seconds", help: "When each job last finished well", labelNames: ["job"], registers: [this.registry] });
  readonly databaseCommands = new Counter({ name: "dondoc_database_commands_total", help: "Commands sent to MongoDB, by command and collection", labelNames: ["command", "collection"], registers: [this.registry] });

  /** Counts every command the driver sends (the client must be connected with monitorCommands). */
  countDatabaseCommands(client: { on(event: "commandStarted", listener: (event: { commandName: string; command: Record<string, unknown> }) => void): unknown }): void {
    client.on("commandStarted", (event) => {
      const target = event.command[event.commandName];
      this.databaseCommands.inc({ command: event.commandName, collection: typeof target === "string" ? target : "" });
    });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "dondoc_" });
    new Gauge({
      name: "dondoc_outbox_messages",
      help: "Outbox messages, by state and purpose",
      labelNames: ["state", "purpose"],
      registers: [this.registry],
      async collect() {
        this.reset();
        const groups = await OutboxMessageModel.aggregate<{ _id: { state: string; purpose: string }; count: number }>([{ $group: { _id: { state: "$state", purpose: "$purpose" }, count: { $sum: 1 } } }]);
        for (const group of groups) this.set({ state: group._id.state, purpose: group._id.purpose }, group.count);
      },
    });
  }
}
