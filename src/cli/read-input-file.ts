import { open } from "node:fs/promises";
import { megabytes } from "../documents/document-limits.ts";
import { readDocumentIsolated } from "../documents/isolated-reader.ts";
import { maxBytesOf, type DocumentKind, type DocumentResults } from "../documents/read-document.ts";
import { CliError } from "./cli-error.ts";

/** At most `maxBytes` of a file: a larger one is refused without being read. */
async function readInputBytes(path: string | undefined, maxBytes: number): Promise<Buffer> {
  if (!path) throw new CliError("cli-error-file-missing");
  let file;
  try {
    file = await open(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const { size } = await file.stat();
    if (size > maxBytes) throw new CliError("document-too-large", { max: megabytes(maxBytes) });
    return await file.readFile();
  } catch (error) {
    throw error instanceof CliError ? error : unreadable(path, error);
  } finally {
    await file.close();
  }
}

function unreadable(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  return new CliError("cli-error-file-unreadable", { path, reason: code || String(error) });
}

/**
 * A document read exactly as the chat reads one sent to the bot: in a process of its own,
 * within the same limits; a refused file is one line and a non-zero exit.
 */
export async function readDocumentFile<K extends DocumentKind>(kind: K, path: string | undefined): Promise<DocumentResults[K]> {
  const bytes = await readInputBytes(path, maxBytesOf(kind));
  const read = await readDocumentIsolated({ kind, fileName: path!, bytes });
  if (!read.ok) throw new CliError(read.problem, read.params);
  return read.value;
}

/** A plan file: converted text, .docx or corrected JSON. */
export const readPlanFile = (path: string | undefined) => readDocumentFile("plan", path);
