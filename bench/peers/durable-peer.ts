import { autoRetry } from "@grammyjs/auto-retry";
import { conversations, createConversation, type Conversation, type ConversationFlavor } from "@grammyjs/conversations";
import { run, sequentialize } from "@grammyjs/runner";
import { MongoDBAdapter } from "@grammyjs/storage-mongodb";
import { Bot, type Context } from "grammy";
import { MongoClient } from "mongodb";
import { writeFileSync } from "node:fs";

/**
 * The fair reference for dondoc's inbound speed: a progress report as a competent grammY
 * developer would write it with the same durability — @grammyjs/conversations v2 with its state
 * in MongoDB, each update_id recorded before it is handled (a redelivery is skipped), one member
 * lookup, the same six steps, the report saved with an upsert and an audit insert. Started as a
 * process of its own, like `npm start`: BOT_TOKEN, TELEGRAM_API_ROOT, MONGODB_URI.
 */
const client = new MongoClient(process.env.MONGODB_URI!, { monitorCommands: true });
await client.connect();
// The bench counts database commands per update: written to PEER_COUNTS_FILE at the end.
const commands = new Map<string, number>();
client.on("commandStarted", (event) => {
  const target = event.command[event.commandName];
  const key = `${event.commandName} ${typeof target === "string" ? target : ""}`.trim();
  commands.set(key, (commands.get(key) ?? 0) + 1);
});
const db = client.db();
const updates = db.collection<{ _id: number }>("peer_updates");
const members = db.collection("members");
const reports = db.collection("peer_reports");
const audit = db.collection("peer_audit");

type PeerContext = ConversationFlavor<Context> & { member?: { _id: unknown; displayName?: string } | null };

const bot = new Bot<PeerContext>(process.env.BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 60 }));
bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
bot.use(async (ctx, next) => {
  try {
    await updates.insertOne({ _id: ctx.update.update_id });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return;
    throw error;
  }
  await next();
});
bot.use(async (ctx, next) => {
  ctx.member = ctx.from ? await members.findOne({ telegramId: ctx.from.id }, { projection: { displayName: 1 } }) : null;
  await next();
});
bot.use(conversations({ storage: { type: "key", adapter: new MongoDBAdapter({ collection: db.collection("peer_conversations") as never }) } }));

const keyboard = (...buttons: [string, string][]) => ({ inline_keyboard: buttons.map(([text, data]) => [{ text, callback_data: data }]) });

async function report(conversation: Conversation<PeerContext, Context>, ctx: Context, target: string): Promise<void> {
  await ctx.reply("Tình trạng thực hiện?", { reply_markup: keyboard(["Chưa triển khai", "c:st:not-started"], ["Đang thực hiện", "c:st:in-progress"], ["Hoàn thành", "c:st:done"], ["Hủy", "c:cancel"]) });
  const status = await conversation.waitForCallbackQuery(/^c:st:/);
  await status.answerCallbackQuery();
  await ctx.reply("Đã thực hiện được bao nhiêu phần trăm?");
  let percent: number | null = null;
  while (percent === null) {
    const answer = await conversation.waitFor("message:text");
    const value = Number(answer.message.text.trim());
    if (Number.isInteger(value) && value >= 0 && value <= 100) percent = value;
    else await answer.reply("Vui lòng nhập một số từ 0 đến 100.");
  }
  await ctx.reply("Ghi chú thêm?", { reply_markup: keyboard(["Bỏ qua", "c:note:skip"]) });
  const note = await conversation.wait();
  if (note.callbackQuery) await note.answerCallbackQuery();
  await ctx.reply("Gửi ảnh minh chứng, hoặc bỏ qua.", { reply_markup: keyboard(["Bỏ qua", "c:ev:skip"]) });
  const evidence = await conversation.waitForCallbackQuery("c:ev:skip");
  await evidence.answerCallbackQuery();
  await ctx.reply("Xác nhận gửi báo cáo?", { reply_markup: keyboard(["Xác nhận", "c:ok"]) });
  const confirm = await conversation.waitForCallbackQuery("c:ok");
  await confirm.answerCallbackQuery();
  const chatId = ctx.chat!.id;
  const statusName = status.callbackQuery.data.slice("c:st:".length);
  await conversation.external(async () => {
    await reports.updateOne({ target, chatId }, { $set: { status: statusName, percent, note: note.message?.text ?? "" }, $inc: { version: 1 } }, { upsert: true });
    await audit.insertOne({ at: new Date(), chatId, action: "report.submitted", target });
  });
  await ctx.reply("Đã ghi nhận báo cáo. Cảm ơn!");
}

bot.use(createConversation(report, "report"));
bot.callbackQuery(/^r:/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter("report", ctx.callbackQuery.data);
});
bot.catch((error) => console.error("peer: update failed", error.error));

await bot.init();
await bot.api.deleteWebhook();
const runner = run(bot);
process.once("SIGTERM", async () => {
  await runner.stop();
  if (process.env.PEER_COUNTS_FILE) writeFileSync(process.env.PEER_COUNTS_FILE, JSON.stringify(Object.fromEntries(commands)));
  await client.close();
  process.exit(0);
});
