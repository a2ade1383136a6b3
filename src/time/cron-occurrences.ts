import { CronExpressionParser } from "cron-parser";

/** When a cron schedule fires, in the province's time zone: the last time before an instant, and the next after it. */
export function previousOccurrence(expression: string, before: Date, timeZone: string): Date {
  // cron-parser's prev() is strictly before: step one second on so an occurrence at `before` counts.
  const from = new Date(before.getTime() + 1000);
  return CronExpressionParser.parse(expression, { currentDate: from, tz: timeZone }).prev().toDate();
}

export function nextOccurrence(expression: string, after: Date, timeZone: string): Date {
  return CronExpressionParser.parse(expression, { currentDate: after, tz: timeZone }).next().toDate();
}
