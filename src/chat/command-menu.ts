import type { Api } from "grammy";
import type { BotCommandScope } from "grammy/types";
import type { Role } from "../../models/member.ts";
import { translatorFor, LOCALES } from "../i18n.ts";
import { COMMANDS, type CommandSpec } from "./command-table.ts";

/**
 * Command menus per language and scope: strangers see /start and /help; each member's chat
 * shows what their roles allow; the secretariat group shows the status commands.
 */
function menu(specs: CommandSpec[], locale: "vi" | "en") {
  const t = translatorFor(locale);
  return specs.map((spec) => ({ command: locale === "vi" ? spec.vi : spec.en, description: t(`command-${spec.key}`) }));
}

async function setForScope(api: Api, specs: CommandSpec[], scope: BotCommandScope) {
  for (const locale of LOCALES) {
    // Vietnamese is the default list; English is for users whose Telegram is in English.
    await api.setMyCommands(menu(specs, locale), { scope, ...(locale === "vi" ? {} : { language_code: locale }) });
  }
}

export async function setDefaultMenus(api: Api): Promise<void> {
  await setForScope(api, COMMANDS.filter((c) => c.for.includes("everyone")), { type: "default" });
}

export async function setMemberMenu(api: Api, chatId: number, roles: Role[]): Promise<void> {
  const specs = COMMANDS.filter((c) => c.for.includes("everyone") || c.for.some((role) => role !== "everyone" && roles.includes(role)));
  await setForScope(api, specs, { type: "chat", chat_id: chatId });
}

export async function setGroupMenu(api: Api, chatId: number): Promise<void> {
  await setForScope(api, COMMANDS.filter((c) => c.inGroup), { type: "chat", chat_id: chatId });
}
