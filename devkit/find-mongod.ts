import { existsSync } from "node:fs";
import { connect } from "node:net";
import { delimiter, join } from "node:path";
import { DryMongoBinary } from "mongodb-memory-server";

/** Where a mongod binary can be had without downloading: the env override, the cache, PATH. */
export async function findLocalMongod(): Promise<string | undefined> {
  const system = process.env.MONGOMS_SYSTEM_BINARY;
  if (system && existsSync(system)) return system;
  try {
    const cached = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions());
    if (cached && existsSync(cached)) return cached;
  } catch {
    // An unknown platform or an unreadable cache: no cached binary.
  }
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(folder, "mongod");
    if (folder && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function downloadHost(): string {
  const configured = process.env.MONGOMS_DOWNLOAD_URL ?? process.env.MONGOMS_DOWNLOAD_MIRROR;
  if (configured) {
    try {
      return new URL(configured).hostname;
    } catch {
      return configured;
    }
  }
  return "fastdl.mongodb.org";
}

/** A quick TCP connect to the download host, so an offline machine does not wait on a download. */
export function canDownloadMongod(timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: downloadHost(), port: 443, timeout: timeoutMs });
    const finish = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.once("connect", () => finish(true));
    socket.once("timeout", () => finish(false));
    socket.once("error", () => finish(false));
  });
}
