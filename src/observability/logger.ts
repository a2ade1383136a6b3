import pino, { type Logger } from "pino";

/**
 * Structured logs: one JSON line per event (an update handled, a job run, a send that failed),
 * for journald, Loki or a plain file. Message texts are never logged, so no invite code or
 * personal message reaches a log; the bot token never appears in what is logged.
 */
export type Log = (message: string, fields?: Record<string, unknown>) => void;

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { service: "dondoc" }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: ["token", "*.token", "botToken", "*.botToken"], remove: true } });
}

/** The simple `log(line, fields)` the rest of the code takes, writing through pino. */
export function logWith(logger: Logger): Log {
  return (message, fields) => logger.info(fields ?? {}, message);
}
