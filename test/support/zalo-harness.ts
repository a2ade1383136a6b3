import { Api } from "grammy";
import { OutboxSender } from "../../src/outbox/outbox-sender.ts";
import { LocalZaloApi, type ZaloUser } from "../../devkit/zalo-api/local-zalo-api.ts";
import { ZaloClient } from "../../src/zalo/zalo-client.ts";
import { ZaloPoller } from "../../src/zalo/zalo-poller.ts";
import { telegramUpdateFrom } from "../../src/zalo/zalo-updates.ts";
import { zaloTransformer } from "../../src/zalo/zalo-transformer.ts";
import { startHarness, TOKEN, type Harness } from "./bot-harness.ts";

/**
 * The bot under test with a Zalo bot beside its Telegram one: a local Zalo Bot API server, the
 * bot's Zalo client, and a poller handing Zalo updates to the bot one poll at a time, awaited.
 */
export interface ZaloHarness {
  harness: Harness;
  zalo: LocalZaloApi;
  client: ZaloClient;
  poller: ZaloPoller;
  /** A person writes on Zalo; the bot's answers to them since. */
  say(user: ZaloUser, text: string): Promise<string[]>;
  /** A person sends a photo (its address) on Zalo; the bot's answers since. */
  sendPhoto(user: ZaloUser, url: string): Promise<string[]>;
  /** Sends what the outbox holds, to Telegram and to Zalo. */
  deliverOutbox(options?: { publicBaseUrl?: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function startZaloHarness(now: Date, users: ZaloUser[]): Promise<ZaloHarness> {
  const zalo = new LocalZaloApi();
  const client = new ZaloClient(zalo.token, await zalo.start());
  const harness = await startHarness(now, {}, { zalo: client });
  // Straight to the bot, as the Telegram harness does (the intake is tested on its own).
  const poller = new ZaloPoller(client, async (update) => {
    const telegram = await telegramUpdateFrom(update);
    if (telegram) await harness.bot.handleUpdate(telegram);
  });
  for (const user of users) zalo.addUser(user);
  const answersTo = async (user: ZaloUser, act: () => void) => {
    const before = zalo.sentTo(user.id).length;
    act();
    await poller.pollOnce(0);
    return zalo.textsTo(user.id).slice(before);
  };
  return {
    harness,
    zalo,
    client,
    poller,
    say: (user, text) => answersTo(user, () => zalo.sendText(user, text)),
    sendPhoto: (user, url) => answersTo(user, () => zalo.sendPhoto(user, url)),
    async deliverOutbox(options = {}) {
      const api = new Api(TOKEN, { apiRoot: harness.deps.config.telegramApiRoot });
      api.config.use(zaloTransformer(client, { defaultLocale: "vi", publicBaseUrl: options.publicBaseUrl, clock: harness.clock }));
      await new OutboxSender({ api, clock: harness.clock }).drain();
    },
    async stop() {
      await harness.stop();
      await zalo.stop();
    },
  };
}
