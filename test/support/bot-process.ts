import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { repoPath } from "./sample-files.ts";

/** What `npm start` runs after `node`, read from package.json: the processes tested are the product's. */
export function startArguments(): string[] {
  const script = (JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const [command, ...rest] = script.trim().split(/\s+/);
  if (command !== "node") throw new Error(`npm start runs "${command}", not node: say here how to start it`);
  return rest;
}

/** The bot as its own process (`src/main.ts`), with its output readable by the test. */
export interface BotProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches, with the match; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<number | null>;
  /** Resolves with the exit code when the process ends by itself. */
  exited(): Promise<number | null>;
}

export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, startArguments(), {
    cwd: repoPath(""),
    env: { ...process.env, MONGODB_URI: "", SECRETARIAT_CHAT_ID: "", ADMIN_TELEGRAM_IDS: "", HEALTH_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exited.then(() => {
          if (listeners.has(check)) reject(new Error(`the bot ended before printing ${pattern}:\n${output}`));
        });
      }),
    exited: () => exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** An instance of `npm start` in webhook mode, with the address its webhook listens on. */
export interface WebhookBot extends BotProcess {
  url: string;
}

/** Starts the bot in webhook mode on a free port (WEBHOOK_URL's path, /tg, on 127.0.0.1). */
export async function spawnWebhookBot(env: Record<string, string>, secret: string): Promise<WebhookBot> {
  const bot = spawnBot({ BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.gov.vn/tg", WEBHOOK_SECRET: secret, WEBHOOK_PORT: "0", ...env });
  const [, port] = await bot.waitFor(/webhook on \S+ port (\d+)/);
  return { ...bot, url: `http://127.0.0.1:${port}/tg` };
}
