import pino, { type Logger } from "pino";

/**
 * Structured logs: one JSON line per event (an update handled, a job run, a send that failed),
 * for journald, Loki or a plain file. Message texts are never logged, so no invite code or
 * personal message reaches a log; the bot token never appears in what is logged.
 *
 * Levels an operator can alert on: error for what failed (an update, a job, a send, the lease,
 * the health server), warn for what a person should look at (a refused webhook request, a flood,
 * a service not reached yet, no administrator), info for the rest.
 */
export type Level = "error" | "warn" | "info";

export type Log = (message: string, fields?: Record<string, unknown>, level?: Level) => void;

export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: "dondoc" }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: ["token", "*.token", "botToken", "*.botToken"], remove: true } }, destination);
}

/** The simple `log(line, fields, level)` the rest of the code takes, writing through pino. */
export function logWith(logger: Logger): Log {
  return (message, fields, level = "info") => logger[level](fields ?? {}, message);
}
