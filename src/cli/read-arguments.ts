import { readLocalDate, type LocalDate } from "../time/local-dates.ts";
import { CliError } from "./cli-error.ts";

/** A calendar year as typed on the command line: four digits, within what the calendar knows. */
export function readYearArgument(value: string | undefined): number {
  const year = Number(value);
  if (!value || !/^\d{4}$/.test(value) || year < 1990 || year > 2199) throw new CliError("cli-error-year", { value: value ?? "" });
  return year;
}

export function readDateArgument(value: string | undefined): LocalDate {
  const date = value ? readLocalDate(value) : null;
  if (!date) throw new CliError("cli-error-date", { value: value ?? "" });
  return date;
}
