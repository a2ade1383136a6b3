import { isZaloChatId } from "../chat-networks.ts";
import { SendPacer, type PacerLimits } from "./send-pacer.ts";

/**
 * Telegram's limits for Telegram chats, Zalo's for Zalo chats: two networks do not share a
 * ceiling, and a 429 from one holds nothing on the other.
 */
export const ZALO_LIMITS: PacerLimits = { globalPerSecond: 10, perChatMs: 1000, groupPerMinute: 20, marginMs: 25 };

export class NetworkPacer extends SendPacer {
  private readonly zalo: SendPacer;

  constructor(telegram: PacerLimits, zalo: PacerLimits = ZALO_LIMITS) {
    super(telegram);
    this.zalo = new SendPacer(zalo);
  }

  override shareWith(instances: number): void {
    super.shareWith(instances);
    this.zalo.shareWith(instances);
  }

  override delayFor(chatId: number, now: number): number {
    return isZaloChatId(chatId) ? this.zalo.delayFor(chatId, now) : super.delayFor(chatId, now);
  }

  override replyDelay(chatId: number, now: number): number {
    return isZaloChatId(chatId) ? this.zalo.replyDelay(chatId, now) : super.replyDelay(chatId, now);
  }

  override heldChats(now: number): number[] {
    return [...super.heldChats(now), ...this.zalo.heldChats(now)];
  }

  override move(chatId: number, from: number, to: number): void {
    if (isZaloChatId(chatId)) this.zalo.move(chatId, from, to);
    else super.move(chatId, from, to);
  }

  override forget(chatId: number, at: number): void {
    if (isZaloChatId(chatId)) this.zalo.forget(chatId, at);
    else super.forget(chatId, at);
  }

  override record(chatId: number, now: number): void {
    if (isZaloChatId(chatId)) this.zalo.record(chatId, now);
    else super.record(chatId, now);
  }

  override pauseUntil(until: number, chatId?: number): void {
    if (chatId !== undefined && isZaloChatId(chatId)) this.zalo.pauseUntil(until);
    else super.pauseUntil(until);
  }

  override pauseChat(chatId: number, until: number): void {
    if (isZaloChatId(chatId)) this.zalo.pauseChat(chatId, until);
    else super.pauseChat(chatId, until);
  }
}
