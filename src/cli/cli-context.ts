import type { Locale, Translate } from "../i18n.ts";
import type { Clock } from "../time/clock.ts";

/** What every CLI command gets: its arguments, where to write, and the reader's language. */
export interface CliContext {
  args: string[];
  locale: Locale;
  t: Translate;
  out: (line: string) => void;
  /** "Now" for every command: real time, or CLOCK_START's rehearsal, as the bot's. */
  clock: Clock;
  /** Where notes about the run go (which database was used): stderr. */
  err: (line: string) => void;
}

export interface CliCommand {
  /** Key of the usage line in the locales. */
  usageKey: string;
  /** The command serves several actions ("rounds extend|close|reopen") and reads which from its arguments. */
  takesAction?: boolean;
  run(context: CliContext): Promise<void>;
}
