import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ChatQueueModel } from "../../models/chat-queue.ts";
import { LocalBotApi } from "../../devkit/bot-api/local-bot-api.ts";
import { TOKEN } from "../support/bot-harness.ts";
import { spawnWebhookBot, type WebhookBot } from "../support/bot-process.ts";
import { addMember } from "../support/lai-chau-fixture.ts";
import { TelegramDelivery } from "../support/telegram-delivery.ts";
import { useTestDatabase } from "../support/test-database.ts";

/**
 * Two instances of `npm start` in webhook mode on one database, behind Telegram's delivery (which
 * redelivers what is not answered 200): the one running a step of a conversation is killed -9 in
 * the middle of it. The other takes the chat over within seconds and runs the step; the person
 * gets every answer once.
 */
const db = useTestDatabase();
const SECRET = "s3cret-s3cret-s3cret";
const telegram = new LocalBotApi({ token: TOKEN });
const scratch = mkdtempSync(join(tmpdir(), "dondoc-webhook-crash-"));
const instances: WebhookBot[] = [];
let delivery: TelegramDelivery | undefined;
beforeAll(() => telegram.start());
afterAll(async () => {
  if (process.env.DEBUG_INSTANCES) for (const [n, instance] of instances.entries()) console.log(`--- instance ${n + 1}\n${instance.output()}`);
  await delivery?.stop();
  for (const instance of instances) instance.child.kill("SIGKILL");
  await telegram.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const SECRETARY = { id: 9301, first_name: "Hà", language_code: "vi" };
const textsTo = (chatId: number) => telegram.messagesOf(chatId).filter((m) => m.from.is_bot).map((m) => m.text ?? "");

describe("kill -9 of the instance running a step", () => {
  it("hands the step to the other instance within seconds, and the person gets each answer once", async () => {
    await addMember(SECRETARY.id, "Thư ký", "secretariat");
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${db.name}`;
    const env = (n: number) => ({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, MONGODB_URI: uri.toString(), DATA_DIR: join(scratch, String(n)), LEASE_SECONDS: "2", CHAT_TURN_SECONDS: "3" });
    instances.push(...(await Promise.all([1, 2].map((n) => spawnWebhookBot(env(n), SECRET)))));
    delivery = new TelegramDelivery({ apiRoot: telegram.url, token: TOKEN, secret: SECRET, targets: instances.map((i) => i.url), retryMs: 200 });
    delivery.start();

    telegram.sendText(SECRETARY, "/moi");
    const question = await telegram.waitForCall("sendMessage", (p) => Number(p.chat_id) === SECRETARY.id && String(p.text).includes("Tạo lời mời cho ai"));
    // The first call of the next step is held on its way to Telegram; its instance dies meanwhile.
    const held = telegram.holdNext("answerCallbackQuery");
    const markup = question.params.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const focal = markup.inline_keyboard.flat().find((button) => button.callback_data.endsWith(":role:focal"))!;
    const message = telegram.messagesOf(SECRETARY.id).find((m) => String(m.text).includes("Tạo lời mời cho ai"))!;
    expect(telegram.pressButton(SECRETARY, SECRETARY.id, message.message_id, focal.callback_data)).toBe(true);
    await held.arrived;
    const holder = (await ChatQueueModel.findById(SECRETARY.id).lean())!.holder!;
    const victim = instances.find((i) => holder.includes(`:${i.child.pid}:`))!;
    const survivor = instances.find((i) => i !== victim)!;
    victim.child.kill("SIGKILL");
    await victim.exited();
    // Released once the server has seen its caller go: the call never reaches Telegram.
    await held.gone;
    held.release();

    // The survivor takes the chat over once the dead one's turn has run out, and runs the step.
    await survivor.waitFor(/took over a chat whose instance stopped answering/);
    await telegram.waitForCall("sendMessage", (p) => Number(p.chat_id) === SECRETARY.id && String(p.text).includes("Nhập mã hoặc tên cơ quan"));
    expect(textsTo(SECRETARY.id)).toEqual([expect.stringContaining("Tạo lời mời cho ai"), expect.stringContaining("Nhập mã hoặc tên cơ quan")]);
    expect(telegram.callbackAnswers.filter((answer) => answer.userId === SECRETARY.id)).toHaveLength(1);

    // The dialogue goes on where it was.
    telegram.sendText(SECRETARY, "SNV");
    await expect.poll(() => textsTo(SECRETARY.id).length, { timeout: 15_000 }).toBe(3);
    expect(survivor.child.exitCode).toBeNull();
    expect(survivor.output()).not.toMatch(/unhandled rejection/);
  }, 120_000);
});
