import { readFile } from "node:fs/promises";
import { CliError } from "./cli-error.ts";

export async function readInputFile(path: string | undefined): Promise<string> {
  if (!path) throw new CliError("cli-error-file-missing");
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new CliError("cli-error-file-unreadable", { path, reason: code || String(error) });
  }
}
