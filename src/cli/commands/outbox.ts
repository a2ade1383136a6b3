import { parseArgs } from "node:util";
import { OutboxMessageModel } from "../../../models/outbox-message.ts";
import { parseConfig } from "../../config.ts";
import { failedDeliveries, retryDelivery } from "../../services/failed-deliveries.ts";
import { formatLocalDateTime } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/** `outbox list [--failed]`: what waits or failed, and why; `outbox retry ID`: send a failed one again. */
export const outboxListCommand: CliCommand = {
  usageKey: "cli-usage-outbox-list",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { failed: { type: "boolean" } } });
    const config = parseConfig(process.env);
    await withDatabase(context, async () => {
      if (values.failed) {
        const failed = await failedDeliveries(new Date(0), 500);
        for (const item of failed) context.out(`${item.id} · ${formatLocalDateTime(item.at, config.timeZone)} · ${item.who ?? item.chatId}${item.agency ? ` (${item.agency})` : ""} · ${item.purpose} · ${item.error}`);
        context.out(context.t("outbox-failed-count", { count: failed.length }));
        return;
      }
      const groups = await OutboxMessageModel.aggregate<{ _id: string; count: number }>([{ $group: { _id: "$state", count: { $sum: 1 } } }]);
      const pending = await OutboxMessageModel.find({ state: { $in: ["pending", "sending"] } }).sort({ notBefore: 1 }).limit(20).lean();
      for (const message of pending) context.out(`${String(message._id)} · ${message.state} · ${formatLocalDateTime(message.notBefore, config.timeZone)} · ${message.chatId} · ${message.purpose}`);
      context.out(groups.map((group) => `${group._id}: ${group.count}`).join(" · ") || context.t("outbox-empty"));
    });
  },
};

export const outboxRetryCommand: CliCommand = {
  usageKey: "cli-usage-outbox-retry",
  async run(context) {
    const id = context.args[0] ?? "";
    const retried = await withDatabase(context, () => retryDelivery(id, context.clock.now()));
    if (!retried) throw new CliError("outbox-retry-unknown", { id });
    context.out(context.t("outbox-retried", { id }));
  },
};
