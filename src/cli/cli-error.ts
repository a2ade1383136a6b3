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
