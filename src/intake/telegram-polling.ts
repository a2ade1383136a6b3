import { createConcurrentSink, createRunner, createSource, createUpdateFetcher, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.ts";
import type { Log } from "../observability/logger.ts";
import { receiveTelegramUpdate } from "./bot-updates.ts";
import type { UpdateIntake } from "./update-intake.ts";

/**
 * Long polling with @grammyjs/runner, each update through the intake like a webhook's: recorded
 * in its chat's queue, then run in its chat's turn. An update counts against the runner's
 * concurrency until its chat's updates have run here, so a backlog is fetched as fast as it is
 * handled. A failure is logged, never thrown out of the runner.
 */
export function pollTelegram(bot: Bot<BotContext>, intake: UpdateIntake, log: Log): RunnerHandle {
  const fetchUpdates = createUpdateFetcher(bot);
  const source = createSource({ supply: (batchSize, signal) => fetchUpdates(batchSize, signal) });
  const sink = createConcurrentSink<Update>(
    { consume: async (update) => (await receiveTelegramUpdate(intake, update)).handled },
    async (error) => log("an update could not be recorded", { error: error instanceof Error ? error.message : String(error) }, "error"),
  );
  const runner = createRunner(source, sink);
  runner.start();
  return runner;
}
