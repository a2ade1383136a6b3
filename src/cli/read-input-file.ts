import { readFile } from "node:fs/promises";
import { readPlanDocument, type PlanDocument } from "../plan/read-plan-document.ts";
import { CliError } from "./cli-error.ts";

export async function readInputBytes(path: string | undefined): Promise<Buffer> {
  if (!path) throw new CliError("cli-error-file-missing");
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new CliError("cli-error-file-unreadable", { path, reason: code || String(error) });
  }
}

export async function readInputFile(path: string | undefined): Promise<string> {
  return (await readInputBytes(path)).toString("utf8");
}

/** A plan file read exactly as the chat reads one sent to the bot: text, .docx or corrected JSON. */
export async function readPlanFile(path: string | undefined): Promise<Extract<PlanDocument, { ok: true }>> {
  const bytes = await readInputBytes(path);
  const read = await readPlanDocument(path!, bytes);
  if (!read.ok) throw new CliError(read.problem, { detail: read.detail ?? "" });
  return read;
}
