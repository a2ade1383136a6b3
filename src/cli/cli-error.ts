import type { TranslationParams } from "../i18n.ts";

/** A failure the CLI reports as one translated line and a non-zero exit. */
export class CliError extends Error {
  constructor(
    readonly key: string,
    readonly params: TranslationParams = {},
  ) {
    super(key);
    this.name = "CliError";
  }
}

/** The first of a file's problems, with how many there are: one line for the person to act on. */
export function csvProblemsError(problems: { line: number; column: string; message: string }[]): CliError {
  const first = problems[0]!;
  return new CliError("cli-error-csv", { line: first.line, column: first.column || "-", message: first.message, count: problems.length });
}
