import type { CliCommand } from "../cli-context.ts";
import { agenciesImportCommand } from "./agencies-import.ts";
import { awardsImportCommand } from "./awards-import.ts";
import { agenciesListCommand, awardsListCommand, planListCommand } from "./listings.ts";
import { inviteCreateCommand } from "./invite-create.ts";
import { auditCommand } from "./audit.ts";
import { exportCommand } from "./export.ts";
import { calendarCommand } from "./calendar.ts";
import { dashboardRotateKeysCommand } from "./dashboard-rotate-keys.ts";
import { jobsRunCommand } from "./jobs-run.ts";
import { jobsScheduleCommand } from "./jobs-schedule.ts";
import { roundsChangeCommand, roundsListCommand, roundsOpenCommand } from "./rounds.ts";
import { outboxListCommand, outboxRetryCommand } from "./outbox.ts";
import { planCloseYearCommand } from "./plan-close-year.ts";
import { planImportCommand } from "./plan-import.ts";
import { planParseCommand } from "./plan-parse.ts";
import { reportDocxCommand } from "./report-docx.ts";
import { reportFormsCommand } from "./report-forms.ts";

/** Every CLI command, by "group action". */
export const cliCommands: Record<string, CliCommand> = {
  "plan parse": planParseCommand,
  "plan import": planImportCommand,
  "plan list": planListCommand,
  "plan close-year": planCloseYearCommand,
  "agencies import": agenciesImportCommand,
  "agencies list": agenciesListCommand,
  "awards import": awardsImportCommand,
  "awards list": awardsListCommand,
  "jobs run": jobsRunCommand,
  "jobs schedule": jobsScheduleCommand,
  "invite create": inviteCreateCommand,
  "rounds open": roundsOpenCommand,
  "rounds list": roundsListCommand,
  "rounds extend": roundsChangeCommand,
  "rounds close": roundsChangeCommand,
  "rounds reopen": roundsChangeCommand,
  "outbox list": outboxListCommand,
  "outbox retry": outboxRetryCommand,
  audit: auditCommand,
  calendar: calendarCommand,
  export: exportCommand,
  "report docx": reportDocxCommand,
  "report forms": reportFormsCommand,
  "dashboard rotate-keys": dashboardRotateKeysCommand,
};
