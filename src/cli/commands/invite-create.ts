import { Api } from "grammy";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../../../models/member.ts";
import { parseConfig } from "../../config.ts";
import { cliActor } from "../../services/audit.ts";
import { createInvite, InviteError, inviteLink } from "../../services/invites.ts";
import { formatLocalDateTime } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/** `invite create --role focal --agency SNV`: a single-use, expiring invite, as a link and a bare code. */
export const inviteCreateCommand: CliCommand = {
  usageKey: "cli-usage-invite-create",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { role: { type: "string" }, agency: { type: "string" } } });
    const role = values.role ?? "";
    if (!(ROLES as readonly string[]).includes(role)) throw new CliError("cli-error-role", { role, roles: ROLES.join(", ") });
    const config = parseConfig(process.env);
    const invite = await withDatabase(context, async () => {
      try {
        return await createInvite({ role: role as Role, agencyCode: values.agency ?? null, ttlHours: config.inviteTtlHours, now: new Date() }, cliActor());
      } catch (error) {
        if (error instanceof InviteError) throw new CliError(error.key, { agency: values.agency ?? "" });
        throw error;
      }
    });
    // The link needs the bot's username, which only Telegram knows.
    let username = "<bot>";
    if (config.botToken) {
      username = (await new Api(config.botToken, { apiRoot: config.telegramApiRoot }).getMe().catch(() => null))?.username ?? username;
    }
    const { t, out } = context;
    out(inviteLink(username, invite.code));
    out(invite.code);
    out(t("invite-cli-created", { role: t(`role-name-${invite.role}`), agency: invite.agency?.name ?? "-", expires: formatLocalDateTime(invite.expiresAt, config.timeZone) }));
  },
};
