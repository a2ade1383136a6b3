import { SettingModel } from "../../models/setting.ts";

/**
 * The bot's Telegram username, remembered in the database when the bot starts, so that the
 * command line can write real invite links (t.me/<username>?start=…) without asking Telegram.
 */
const KEY = "bot-username";

export async function rememberBotUsername(username: string): Promise<void> {
  await SettingModel.updateOne({ key: KEY }, { $set: { value: username } }, { upsert: true });
}

export async function knownBotUsername(): Promise<string | null> {
  const setting = await SettingModel.findOne({ key: KEY }).lean();
  return typeof setting?.value === "string" ? setting.value : null;
}
