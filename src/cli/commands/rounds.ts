import { parseArgs } from "node:util";
import { NominationRoundModel } from "../../../models/nomination-round.ts";
import { parseConfig } from "../../config.ts";
import { cliActor } from "../../services/audit.ts";
import { closeRound, extendRound, openRound, reopenForAgency, RoundError } from "../../services/nomination-rounds.ts";
import { announceReopen, noticeContextFrom, sendRoundMessages } from "../../services/round-notices.ts";
import { readDeadlineWithCalendar } from "../../services/working-calendar.ts";
import { formatLocalDateTime } from "../../time/calendar.ts";
import type { CliCommand, CliContext } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/**
 * `rounds open|list|extend|close|reopen`: nomination rounds from the command line. Opening one
 * queues the invitation to every asked agency's focal officers; the running bot sends it.
 */
const list = (value: string | undefined) => (value ?? "").split(/[\s,;]+/).filter(Boolean);

/** A date, or working days from now ("5 ngày làm việc"); read with the database open, for the calendar. */
async function deadlineOf(value: string | undefined, timeZone: string, now: Date): Promise<Date> {
  const deadline = value ? await readDeadlineWithCalendar(value, now, timeZone) : null;
  if (!deadline) throw new CliError("round-bad-deadline", { year: String(now.getFullYear()) });
  return deadline;
}

async function guarded<T>(context: CliContext, work: () => Promise<T>): Promise<T> {
  return withDatabase(context, async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RoundError) throw new CliError(error.key, error.params);
      throw error;
    }
  });
}

function describe(context: CliContext, round: { seq: number; title: string; status: string; deadline: Date; agencies: unknown[] }, timeZone: string): string {
  return `${context.t("round-short", { seq: round.seq })} · ${context.t(round.status === "open" ? "round-status-open" : "round-status-closed")} · ${formatLocalDateTime(round.deadline, timeZone)} · ${round.agencies.length} · ${round.title}`;
}

export const roundsOpenCommand: CliCommand = {
  usageKey: "cli-usage-rounds-open",
  async run(context) {
    const { values } = parseArgs({
      args: context.args,
      options: { title: { type: "string" }, kind: { type: "string", default: "nomination" }, awards: { type: "string" }, deadline: { type: "string" }, all: { type: "boolean" }, blocs: { type: "string" }, agencies: { type: "string" }, year: { type: "string" } },
    });
    const config = parseConfig(process.env);
    if (values.kind !== "nomination" && values.kind !== "registration") throw new CliError("cli-error-round-kind", { kind: values.kind ?? "" });
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new CliError("cli-error-round-year");
    const kind = values.kind;
    const now = context.clock.now();
    const result = await guarded(context, async () => {
      const deadline = await deadlineOf(values.deadline, config.timeZone, now);
      const round = await openRound(
        { title: values.title ?? "", kind, awardCodes: list(values.awards), deadline, audience: { all: values.all ?? false, blocs: list(values.blocs), agencyCodes: list(values.agencies) }, year: values.year ? Number(values.year) : undefined },
        cliActor(),
        now,
      );
      const sent = await sendRoundMessages(
        round,
        noticeContextFrom(config, now),
        "round-opened",
        "open",
      );
      return { round, sent };
    });
    context.out(context.t("round-opened", { seq: result.round.seq, agencies: result.round.agencies.length, sent: result.sent }));
  },
};

export const roundsListCommand: CliCommand = {
  usageKey: "cli-usage-rounds-list",
  async run(context) {
    const config = parseConfig(process.env);
    const rounds = await withDatabase(context, () => NominationRoundModel.find().sort({ seq: 1 }).lean());
    for (const round of rounds) context.out(describe(context, round, config.timeZone));
    if (rounds.length === 0) context.out(context.t("round-none"));
  },
};

export const roundsChangeCommand: CliCommand = {
  usageKey: "cli-usage-rounds-change",
  takesAction: true,
  async run(context) {
    const [action, reference, ...rest] = context.args;
    const { values } = parseArgs({ args: rest, options: { deadline: { type: "string" }, agency: { type: "string" }, until: { type: "string" } } });
    const config = parseConfig(process.env);
    const now = context.clock.now();
    const round = await guarded(context, async () => {
      if (action === "extend") return extendRound(reference ?? "", await deadlineOf(values.deadline, config.timeZone, now), cliActor(), now);
      if (action === "close") return closeRound(reference ?? "", cliActor(), now);
      if (action === "reopen") {
        const until = await deadlineOf(values.until, config.timeZone, now);
        const round = await reopenForAgency(reference ?? "", values.agency ?? "", until, cliActor(), now);
        await announceReopen(round, values.agency ?? "", until, noticeContextFrom(config, now));
        return round;
      }
      throw new CliError("cli-usage-rounds-change");
    });
    context.out(describe(context, round, config.timeZone));
  },
};
