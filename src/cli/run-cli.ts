import { isLocale, translatorFor, type Locale, type Translate } from "../i18n.ts";
import type { CliCommand } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import { cliCommands } from "./commands/index.ts";
import { TextRefused } from "../text/clean-text.ts";
import { JOB_NAMES } from "../../jobs/job-names.ts";
import { formatUsage } from "./usage.ts";
import { OffsetClock, systemClock, type Clock } from "../time/clock.ts";
import { parseInstant, yearMonthAt } from "../time/calendar.ts";

/**
 * `npm run cli -- <group> <action> [options]`. Output goes to stdout, every error is one
 * line on stderr with a non-zero exit. `--lang en` switches the language (default vi).
 * `runCli` is the whole command line as a function, so tests run commands in their own process
 * exactly as `src/cli/main.ts` runs them in a new one.
 */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processOutput: CliOutput = { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) };

function takeLocale(args: string[]): { locale: Locale; rest: string[] } {
  const rest = [...args];
  const index = rest.indexOf("--lang");
  let requested = process.env.DEFAULT_LOCALE ?? "vi";
  if (index >= 0) {
    requested = rest[index + 1] ?? "";
    rest.splice(index, 2);
  }
  return { locale: isLocale(requested) ? requested : "vi", rest };
}

function findCommand(args: string[]): { command: CliCommand; args: string[] } | undefined {
  const two = `${args[0] ?? ""} ${args[1] ?? ""}`;
  // One-word commands ("audit", "export") take options right after their name.
  const single = cliCommands[args[0] ?? ""];
  if (!cliCommands[two] && single) return { command: single, args: args.slice(1) };
  const command = cliCommands[two];
  if (!command) return undefined;
  // Commands that serve several actions read the action as their first argument.
  return { command, args: command.takesAction ? args.slice(1) : args.slice(2) };
}

/** The bot's clock for the command line: CLOCK_START moves it as it moves the bot's (a rehearsal). */
function cliClock(): Clock {
  const start = process.env.CLOCK_START?.trim();
  const at = start ? parseInstant(start, process.env.TZ?.trim() || "Asia/Ho_Chi_Minh") : null;
  return at ? new OffsetClock(at) : systemClock;
}

const HELP = new Set(["help", "--help", "-h"]);

function usage(t: Translate): string {
  const keys = [...new Set(Object.values(cliCommands).map((command) => command.usageKey))];
  return `${t("cli-usage-header")}\n${formatUsage(keys.map((key) => t(key)))}\n`;
}

export async function runCli(argv: string[], output: CliOutput = processOutput): Promise<number> {
  const { locale, rest } = takeLocale(argv);
  const base = translatorFor(locale);
  const clock = cliClock();
  // Examples in usage and error lines name the current year, in the province's time zone.
  const year = String(yearMonthAt(clock.now(), process.env.TZ?.trim() || "Asia/Ho_Chi_Minh").year);
  const t: Translate = (key, params) => base(key, { year, jobs: JOB_NAMES.join(", "), ...params });
  // "help", "--help", "-h" alone print every command; after a command, or as "help plan parse", that one.
  if (rest.length === 0 || HELP.has(rest[0]!)) {
    const asked = rest.length > 1 ? findCommand(rest.slice(1)) : undefined;
    output.stdout(asked ? `${t("cli-usage-header")}\n${formatUsage([t(asked.command.usageKey)])}\n` : usage(t));
    return 0;
  }
  const found = findCommand(rest);
  if (!found) {
    output.stderr(`${t("cli-error-command-unknown", { command: rest.slice(0, 2).join(" ") })}\n${usage(t)}`);
    return 2;
  }
  if (found.args.some((arg) => arg === "--help" || arg === "-h")) {
    output.stdout(`${t("cli-usage-header")}\n${formatUsage([t(found.command.usageKey)])}\n`);
    return 0;
  }
  try {
    await found.command.run({ args: found.args, locale, t, clock, out: (line) => output.stdout(`${line}\n`), err: (line) => output.stderr(`${line}\n`) });
    return 0;
  } catch (error) {
    const message = error instanceof CliError ? t(error.key, error.params) : error instanceof TextRefused ? t(error.key) : t("cli-error-unexpected", { reason: (error as Error).message ?? String(error) });
    output.stderr(`${message.replace(/\s*\n\s*/g, " ")}\n`);
    return 1;
  }
}

