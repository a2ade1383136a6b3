import { chmodSync, mkdirSync, writeFileSync, type WriteFileOptions } from "node:fs";

/**
 * The data folder holds the embedded database, its address and the first administrator's link:
 * readable by the bot's own user only (folders 0700, files 0600), whatever the umask says, also
 * when the folder or a file was made earlier with wider rights.
 */
export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

export function writePrivateFile(path: string, data: string | Uint8Array, options: { flag?: string } = {}): void {
  writeFileSync(path, data, { mode: 0o600, flag: options.flag } satisfies WriteFileOptions);
  chmodSync(path, 0o600);
}
