/**
 * Keeps sending within Telegram's limits: about 30 messages a second in all, one a second per
 * chat, twenty a minute per group; and holds everything back after a 429 for as long as
 * Telegram asked.
 */
export interface PacerLimits {
  globalPerSecond: number;
  perChatMs: number;
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: PacerLimits = { globalPerSecond: 30, perChatMs: 1000, groupPerMinute: 20 };

export class SendPacer {
  private readonly lastByChat = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private recent: number[] = [];
  private pausedUntil = 0;
  private readonly pausedChats = new Map<number, number>();

  constructor(private readonly limits: PacerLimits = TELEGRAM_LIMITS) {}

  /** Milliseconds to wait before a message to `chatId` may go (0: now). Groups have negative ids. */
  delayFor(chatId: number, now: number): number {
    let wait = Math.max(0, this.pausedUntil - now, (this.pausedChats.get(chatId) ?? 0) - now);
    const last = this.lastByChat.get(chatId);
    if (last !== undefined) wait = Math.max(wait, last + this.limits.perChatMs - now);
    this.recent = this.recent.filter((at) => at > now - 1000);
    if (this.recent.length >= this.limits.globalPerSecond) wait = Math.max(wait, this.recent[0]! + 1000 - now);
    if (chatId < 0) {
      const sends = (this.groupSends.get(chatId) ?? []).filter((at) => at > now - 60_000);
      this.groupSends.set(chatId, sends);
      if (sends.length >= this.limits.groupPerMinute) wait = Math.max(wait, sends[0]! + 60_000 - now);
    }
    return wait;
  }

  record(chatId: number, now: number): void {
    this.lastByChat.set(chatId, now);
    this.recent.push(now);
    if (chatId < 0) this.groupSends.set(chatId, [...(this.groupSends.get(chatId) ?? []), now]);
  }

  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Holds one chat only (a group's own limit). */
  pauseChat(chatId: number, until: number): void {
    this.pausedChats.set(chatId, Math.max(this.pausedChats.get(chatId) ?? 0, until));
  }
}
