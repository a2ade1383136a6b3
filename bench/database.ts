import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** A database for the bench: BENCH_MONGODB_URI when a real one is at hand, else the emulator in a child process. */
export interface BenchDatabase {
  uri: string;
  kind: string;
  /** The database's own process, when the bench started it: its CPU is measured too. */
  pid?: number;
  stop(): Promise<void>;
}

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.BENCH_MONGODB_URI;
  if (given) return { uri: given.endsWith("/") ? given : `${given}/`, kind: "MongoDB at BENCH_MONGODB_URI", stop: async () => {} };
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./database-process.ts", import.meta.url))], { stdio: ["pipe", "pipe", "inherit"] });
  const [uri] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  return {
    uri,
    kind: "the project's MongoDB emulator, in its own process",
    pid: child.pid,
    stop: async () => {
      child.stdin.end();
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
