import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { keptOfUpdate } from "../../src/intake/telegram-update-shape.ts";
import { telegramWebhookRoute } from "../../src/webhook-server.ts";

const chat = { id: 4101, type: "private", first_name: "Lan" };
const bot = { id: 7000000001, is_bot: true, first_name: "Dondoc" };
const question = { message_id: 55, date: 1_520_000_000, chat, from: bot, text: "Nhiệm vụ: …".repeat(50), reply_markup: { inline_keyboard: [[{ text: "Hoàn thành", callback_data: "c:abcd3:st:done" }]] } };

describe("what is kept of an update", () => {
  it("a pressed button's message by its id, chat, sender and date; the press itself whole", () => {
    const press = { update_id: 9, callback_query: { id: "q1", from: { id: 4101, is_bot: false, first_name: "Lan" }, chat_instance: "ci", data: "c:abcd3:st:done", message: question } } as unknown as Update;
    expect(keptOfUpdate(press)).toEqual({ update_id: 9, callback_query: { id: "q1", from: { id: 4101, is_bot: false, first_name: "Lan" }, chat_instance: "ci", data: "c:abcd3:st:done", message: { message_id: 55, date: 1_520_000_000, chat, from: bot } } });
    // The update as received is left as it was.
    expect(press.callback_query!.message).toBe(question);
  });

  it("the message replied to by its id, chat, sender and date; the reply itself whole", () => {
    const reply = { update_id: 10, message: { message_id: 60, date: 1_520_000_100, chat, from: { id: 4101, is_bot: false, first_name: "Lan" }, text: "Đã xong", reply_to_message: question } } as unknown as Update;
    expect(keptOfUpdate(reply)).toEqual({ update_id: 10, message: { message_id: 60, date: 1_520_000_100, chat, from: { id: 4101, is_bot: false, first_name: "Lan" }, text: "Đã xong", reply_to_message: { message_id: 55, date: 1_520_000_000, chat, from: bot } } });
  });

  it("anything else as it came", () => {
    const plain = { update_id: 11, message: { message_id: 61, date: 1_520_000_200, chat, text: "60" } } as unknown as Update;
    expect(keptOfUpdate(plain)).toBe(plain);
  });

  it("is what a webhook records", () => {
    const route = telegramWebhookRoute("/telegram", "secret", () => new Date(0));
    const read = route.read({ update_id: 12, callback_query: { id: "q2", from: { id: 4101, is_bot: false, first_name: "Lan" }, chat_instance: "ci", data: "x", message: question } });
    expect("item" in read && (read.item.update as Update).callback_query!.message).toEqual({ message_id: 55, date: 1_520_000_000, chat, from: bot });
  });
});
