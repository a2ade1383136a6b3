import type { Update } from "grammy/types";

/**
 * What a webhook body must be to count as a Telegram update: an object with an integer
 * `update_id` and exactly one of the kinds Telegram documents (an Update has "at most one of the
 * optional parameters"), itself an object. A message names its chat; a button press its id and
 * who pressed it. Anything else is refused with the reason, so a log line says what came.
 */
export type UpdateReading = { update: Update } | { problem: string };

const MESSAGE_KINDS = ["message", "edited_message", "channel_post", "edited_channel_post", "business_message", "edited_business_message"];
const OTHER_KINDS = [
  "business_connection",
  "deleted_business_messages",
  "message_reaction",
  "message_reaction_count",
  "inline_query",
  "chosen_inline_result",
  "callback_query",
  "shipping_query",
  "pre_checkout_query",
  "purchased_paid_media",
  "poll",
  "poll_answer",
  "my_chat_member",
  "chat_member",
  "chat_join_request",
  "chat_boost",
  "removed_chat_boost",
];
const KINDS = new Set([...MESSAGE_KINDS, ...OTHER_KINDS]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value);

export function readTelegramUpdate(body: unknown): UpdateReading {
  if (!isObject(body)) return { problem: Array.isArray(body) ? "an array, not an update" : "not a JSON object" };
  if (!isInteger(body.update_id) || body.update_id < 0) return { problem: "update_id is not a whole number" };
  const kinds = Object.keys(body).filter((key) => key !== "update_id");
  if (kinds.length === 0) return { problem: "an update_id with nothing in it" };
  if (kinds.length > 1) return { problem: `more than one kind of update (${kinds.slice(0, 3).join(", ")})` };
  const kind = kinds[0]!;
  if (!KINDS.has(kind)) return { problem: `an unknown kind of update (${kind.slice(0, 40)})` };
  const content = body[kind];
  if (!isObject(content)) return { problem: `${kind} is not an object` };
  if (MESSAGE_KINDS.includes(kind) && !(isInteger(content.message_id) && isObject(content.chat) && isInteger(content.chat.id))) {
    return { problem: `${kind} without a message_id and a chat` };
  }
  if (kind === "callback_query" && !(typeof content.id === "string" && isObject(content.from) && isInteger(content.from.id))) {
    return { problem: "callback_query without an id and who pressed" };
  }
  return { update: body as unknown as Update };
}

/**
 * Which chat an update belongs to, for running a chat's updates one at a time in order: the
 * chat it came from, else the person (a press on an inline message, a query), else 0.
 */
export function chatKeyOf(update: Update): number {
  const record = update as unknown as Record<string, { chat?: { id?: unknown }; message?: { chat?: { id?: unknown } }; from?: { id?: unknown }; user?: { id?: unknown } } | undefined>;
  const kind = Object.keys(record).find((key) => key !== "update_id");
  const content = kind ? record[kind] : undefined;
  const id = content?.chat?.id ?? content?.message?.chat?.id ?? content?.from?.id ?? content?.user?.id;
  return isInteger(id) ? id : 0;
}

/** What is kept of a message quoted inside another: enough to answer under it, edit it, or know who wrote it. */
interface QuotedMessage {
  message_id: number;
  date: number;
  chat: unknown;
  from?: unknown;
}

function quoted(message: Record<string, unknown>): QuotedMessage {
  return { message_id: message.message_id as number, date: message.date as number, chat: message.chat, ...(message.from ? { from: message.from } : {}) };
}

/**
 * An update as dondoc records and runs it: a message quoted inside it — the bot's own message
 * under a pressed button, the one a person replied to — by its id, chat, sender and date only.
 * Every press brought back the whole question with its keyboard, and a dialogue keeps every
 * answer in its state, written at each step; nothing reads a quoted message's text.
 */
export function keptOfUpdate(update: Update): Update {
  const press = update.callback_query as Record<string, unknown> | undefined;
  if (press && isObject(press.message)) return { ...update, callback_query: { ...press, message: quoted(press.message) } } as unknown as Update;
  const message = update.message as unknown as Record<string, unknown> | undefined;
  if (message && isObject(message.reply_to_message)) return { ...update, message: { ...message, reply_to_message: quoted(message.reply_to_message) } } as unknown as Update;
  return update;
}
