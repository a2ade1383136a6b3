import { parseConfig } from "../config.ts";
import { openDatabase } from "../db/open-database.ts";
import type { CliContext } from "./cli-context.ts";

/** Runs `work` against the configured database, saying on stderr which one it used. */
export async function withDatabase<T>(context: CliContext, work: () => Promise<T>): Promise<T> {
  const config = parseConfig(process.env);
  const opened = await openDatabase(config, (line) => context.err(line));
  const { kind, dataPath } = opened.database;
  context.err(context.t(`cli-database-${kind}`, { path: dataPath ?? "-" }));
  try {
    return await work();
  } finally {
    await opened.close();
  }
}
