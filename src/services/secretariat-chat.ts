import { SettingModel } from "../../models/setting.ts";
import { KeptWhileUnchanged } from "./kept-while-unchanged.ts";

/** The secretariat group: SECRETARIAT_CHAT_ID, or the group a secretariat member bound with /gannhom (/bind). */
const KEY = "secretariat-chat-id";

/** Read for every report announced; bound once. */
const kept = new KeptWhileUnchanged<number | null>(["settings"]);

export async function secretariatChatId(configured: number | undefined): Promise<number | null> {
  if (configured !== undefined) return configured;
  return kept.get(KEY, async () => {
    const setting = await SettingModel.findOne({ key: KEY }).lean();
    return typeof setting?.value === "number" ? setting.value : null;
  });
}

export async function bindSecretariatChat(chatId: number, by: number): Promise<void> {
  await SettingModel.updateOne({ key: KEY }, { $set: { value: chatId, setBy: by } }, { upsert: true });
}
