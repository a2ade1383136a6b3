import { CommandGroup } from "@grammyjs/commands";
import type { Middleware } from "grammy";
import type { BotContext } from "../context.ts";
import { translatorFor } from "../i18n.ts";
import { commandSpec } from "./command-table.ts";

/**
 * Registers a command under its Vietnamese name with the English one beside it
 * (@grammyjs/commands answers to both), described in each language.
 */
export function defineCommand(group: CommandGroup<BotContext>, key: string, handler: Middleware<BotContext>): void {
  const spec = commandSpec(key);
  group
    .command(spec.vi, translatorFor("vi")(`command-${key}`), handler as never)
    .localize("en", spec.en, translatorFor("en")(`command-${key}`));
}

export function commandGroup(): CommandGroup<BotContext> {
  return new CommandGroup<BotContext>();
}
