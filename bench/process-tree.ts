import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A bot under measurement as its own process group (`npm start` runs npm, then tsx, then node). */
export interface BotProcess {
  child: ChildProcess;
  /** CPU time in ms used so far by the process and everything it started. */
  cpuMs(): number;
  /** The bot's peak resident memory so far, MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

function statOf(pid: number): { ppid: number; cpuTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: the fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** `root` and all its descendants, with their stats, from /proc (Linux). */
function tree(root: number): Map<number, { ppid: number; cpuTicks: number }> {
  const stats = new Map<number, { ppid: number; cpuTicks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, stat] of stats) if (!inTree.has(pid) && inTree.has(stat.ppid)) grew = inTree.add(pid) !== undefined;
  }
  return new Map([...inTree].filter((pid) => stats.has(pid)).map((pid) => [pid, stats.get(pid)!]));
}

/** CPU time of `root` and all its descendants. */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const stat of tree(root).values()) ticks += stat.cpuTicks;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The largest peak resident memory of a process in `root`'s tree, MB (the bot's own node process, not npm's). */
export function treePeakRssMb(root: number): number {
  let peak = 0;
  for (const pid of tree(root).keys()) {
    try {
      const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // The process ended meanwhile.
    }
  }
  return peak;
}

export function startBotProcess(command: string, args: string[], env: Record<string, string>, cwd: string): BotProcess {
  // BENCH_BOT_LOG=FILE keeps the bots' log lines (stdout) there, to read what went wrong.
  const out = process.env.BENCH_BOT_LOG ? openSync(process.env.BENCH_BOT_LOG, "a") : "ignore";
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", out, "inherit"] });
  return {
    child,
    cpuMs: () => treeCpuMs(child.pid!),
    peakRssMb: () => treePeakRssMb(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
