import { Api } from "grammy";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../../../models/member.ts";
import { parseConfig } from "../../config.ts";
import { cliActor } from "../../services/audit.ts";
import { knownBotUsername, rememberBotUsername } from "../../services/bot-identity.ts";
import { createInvite, InviteError, inviteLink } from "../../services/invites.ts";
import { formatLocalDateTime } from "../../time/calendar.ts";
import type { CliCommand } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { withDatabase } from "../with-database.ts";

/** The link needs the bot's username: the one the running bot remembered, or Telegram's answer once. */
async function botUsername(token: string | undefined, apiRoot: string): Promise<string | null> {
  const known = await knownBotUsername();
  if (known || !token) return known;
  const asked = (await new Api(token, { apiRoot }).getMe().catch(() => null))?.username ?? null;
  if (asked) await rememberBotUsername(asked);
  return asked;
}

/** `invite create --role focal --agency SNV`: a single-use, expiring invite, as a link and a bare code. */
export const inviteCreateCommand: CliCommand = {
  usageKey: "cli-usage-invite-create",
  async run(context) {
    const { values } = parseArgs({ args: context.args, options: { role: { type: "string" }, agency: { type: "string" } } });
    const role = values.role ?? "";
    if (!(ROLES as readonly string[]).includes(role)) throw new CliError("cli-error-role", { role, roles: ROLES.join(", ") });
    const config = parseConfig(process.env);
    const { invite, username } = await withDatabase(context, async () => {
      try {
        const invite = await createInvite({ role: role as Role, agencyCode: values.agency ?? null, ttlHours: config.inviteTtlHours, now: context.clock.now() }, cliActor());
        return { invite, username: await botUsername(config.botToken, config.telegramApiRoot) };
      } catch (error) {
        if (error instanceof InviteError) throw new CliError(error.key, { agency: values.agency ?? "" });
        throw error;
      }
    });
    const { t, out } = context;
    if (username) out(inviteLink(username, invite.code));
    out(invite.code);
    if (!username) out(t("invite-cli-no-link"));
    out(t("invite-cli-created", { role: t(`role-name-${invite.role}`), agency: invite.agency?.name ?? "-", expires: formatLocalDateTime(invite.expiresAt, config.timeZone) }));
  },
};
