import { describe, expect, it } from "vitest";
import { ZaloChatModel } from "../../models/zalo-chat.ts";
import { isZaloChatId, zaloFileUrl } from "../../src/chat-networks.ts";
import { telegramUpdateFrom, type ZaloUpdate } from "../../src/zalo/zalo-updates.ts";
import { useTestDatabase } from "../support/test-database.ts";

useTestDatabase();

/** What a Zalo update means to the bot, as Zalo's documentation shapes it. */
const message = (content: Record<string, unknown>, chatType = "PRIVATE"): ZaloUpdate => ({
  event_name: "message.text.received",
  message: { message_id: `m-${JSON.stringify(content)}`, date: 1_766_619_597_466, from: { id: "e4ea2cd5189df1c3a88c", display_name: "Nguyễn Văn A" }, chat: { id: "e4ea2cd5189df1c3a88c", chat_type: chatType }, ...content },
});

describe("Zalo updates as the bot reads them", () => {
  it("makes a text a private message from the chat's own number, with the date in seconds", async () => {
    const update = (await telegramUpdateFrom(message({ text: "Xin chào" })))!;
    expect(update.message).toMatchObject({ text: "Xin chào", date: 1_766_619_597, chat: { type: "private" }, from: { first_name: "Nguyễn Văn A", is_bot: false } });
    expect(isZaloChatId(update.message!.chat.id)).toBe(true);
    expect(update.message!.from!.id).toBe(update.message!.chat.id);
    expect(await ZaloChatModel.countDocuments({ zaloId: "e4ea2cd5189df1c3a88c" })).toBe(1);
  });

  it("gives the same update the same id, so a second delivery is one update", async () => {
    const first = await telegramUpdateFrom(message({ text: "1" }));
    const again = await telegramUpdateFrom(message({ text: "1" }));
    expect(first!.update_id).toBe(again!.update_id);
  });

  it("marks commands, turns a pasted invite code into /start, and reads a photo by its address", async () => {
    const command = (await telegramUpdateFrom(message({ text: "/baocao 3/2018" })))!.message!;
    expect(command.entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
    const code = (await telegramUpdateFrom(message({ text: "AbCdEfGhIjKlMnOp" })))!.message!;
    expect(code.text).toBe("/start AbCdEfGhIjKlMnOp");
    const photo = (await telegramUpdateFrom({ ...message({ photo: "https://zalo.example/p/1.jpg", caption: "Biên bản" }), event_name: "message.image.received" }))!.message!;
    expect(zaloFileUrl(photo.photo![0]!.file_id)).toBe("https://zalo.example/p/1.jpg");
    expect(photo.caption).toBe("Biên bản");
  });

  it("ignores group chats and updates without a message", async () => {
    expect(await telegramUpdateFrom(message({ text: "hello" }, "GROUP"))).toBeNull();
    expect(await telegramUpdateFrom({ event_name: "unknown" })).toBeNull();
  });
});
