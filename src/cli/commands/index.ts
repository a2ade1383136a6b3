import type { CliCommand } from "../cli-context.ts";
import { planParseCommand } from "./plan-parse.ts";

/** Every CLI command, by "group action". */
export const cliCommands: Record<string, CliCommand> = {
  "plan parse": planParseCommand,
};
