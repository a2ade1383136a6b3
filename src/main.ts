import { createBot } from "./bot.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { openDatabase } from "./db/open-database.ts";
import { loadEnvFile } from "./load-env-file.ts";
import { ensureAwardCatalogue } from "./services/ensure-award-catalogue.ts";

/** Starts dondoc: configuration, database, then the bot. Stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  loadEnvFile();
  const config = parseConfig(process.env, { botToken: true });
  const opened = await openDatabase(config, (line) => console.log(line));
  if (opened.database.kind === "emulator") {
    console.warn(
      [
        "!".repeat(72),
        "! No MongoDB server: running on the built-in emulator.",
        `! Data is saved to ${opened.database.dataPath ?? "memory only"}, but this is for trying dondoc out.`,
        "! For real use set MONGODB_URI (or install mongod for the embedded server).",
        "!".repeat(72),
      ].join("\n"),
    );
  } else {
    console.log(`database: ${opened.database.description}`);
  }
  await ensureAwardCatalogue();

  const bot = createBot(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await bot.stop();
    await opened.close();
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  await bot.start({ onStart: (me) => console.log(`dondoc is running as @${me.username}`) });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
