/**
 * Keeps sending within Telegram's limits: about 30 messages a second in all, one a second per
 * chat, twenty a minute per group; and holds everything back after a 429 for as long as
 * Telegram asked.
 */
export interface PacerLimits {
  globalPerSecond: number;
  perChatMs: number;
  groupPerMinute: number;
  /**
   * Added to every window: a send counted when it leaves arrives a little later or earlier,
   * and without a margin that jitter puts a 31st message into Telegram's second.
   */
  marginMs?: number;
  /** A private chat may take a short burst (Telegram); without it, one a chat per `perChatMs` in private chats too (Zalo). */
  privateBurst?: boolean;
}

export const TELEGRAM_LIMITS: PacerLimits = { globalPerSecond: 30, perChatMs: 1000, groupPerMinute: 20, marginMs: 25, privateBurst: true };

export class SendPacer {
  private readonly lastByChat = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private recent: number[] = [];
  private pausedUntil = 0;
  private readonly pausedChats = new Map<number, number>();

  /** How many instances send under the same bot, each keeping to its share of the overall rate. */
  private sharedBy = 1;

  constructor(private readonly limits: PacerLimits = TELEGRAM_LIMITS) {}

  /**
   * Several instances send for one bot and do not count each other's sends: each keeps to an
   * equal share of the overall rate. Per chat and per group each keeps the whole limit: a chat's
   * replies come from one instance at a time (its turn), and what is sent unasked from the
   * leader alone; where the two meet in one chat, Telegram's 429 holds the later one back.
   */
  shareWith(instances: number): void {
    this.sharedBy = Math.max(1, Math.floor(instances));
  }

  /** The overall rate this instance keeps to, messages a second. */
  get overallPerSecond(): number {
    return this.globalPerSecond;
  }

  private get globalPerSecond(): number {
    return Math.max(1, Math.floor(this.limits.globalPerSecond / this.sharedBy));
  }

  /** Milliseconds to wait before a message to `chatId` may go (0: now). Groups have negative ids. */
  delayFor(chatId: number, now: number): number {
    const margin = this.limits.marginMs ?? 0;
    const second = 1000 + margin;
    let wait = Math.max(0, this.pausedUntil - now, (this.pausedChats.get(chatId) ?? 0) - now);
    const last = this.lastByChat.get(chatId);
    if (last !== undefined) wait = Math.max(wait, last + this.limits.perChatMs + margin - now);
    while (this.recent.length > 0 && this.recent[0]! <= now - second) this.recent.shift();
    const perSecond = this.globalPerSecond;
    if (this.recent.length >= perSecond) wait = Math.max(wait, this.recent[this.recent.length - perSecond]! + second - now);
    if (chatId < 0) {
      const minute = 60_000 + margin;
      const sends = (this.groupSends.get(chatId) ?? []).filter((at) => at > now - minute);
      this.groupSends.set(chatId, sends);
      if (sends.length >= this.limits.groupPerMinute) wait = Math.max(wait, sends[sends.length - this.limits.groupPerMinute]! + minute - now);
    }
    return wait;
  }

  /**
   * How long a reply to someone who just wrote waits: never for the bot's global rate or a pause
   * (a rare excess is answered by Telegram's 429, which auto-retry waits out), only for the
   * chat's own second where the network counts one (groups; every Zalo chat), and never longer.
   * The outbox, which sees the reply recorded, waits around it instead.
   */
  replyDelay(chatId: number, now: number): number {
    if (chatId > 0 && this.limits.privateBurst) return 0;
    const last = this.lastByChat.get(chatId);
    if (last === undefined) return 0;
    return Math.min(this.limits.perChatMs, Math.max(0, last + this.limits.perChatMs + (this.limits.marginMs ?? 0) - now));
  }

  /** Chats that may not receive anything now (their own pause, or their last message too recent). */
  heldChats(now: number): number[] {
    const held: number[] = [];
    const gap = this.limits.perChatMs + (this.limits.marginMs ?? 0);
    for (const [chatId, last] of this.lastByChat) {
      if (last + gap > now) held.push(chatId);
      else this.lastByChat.delete(chatId);
    }
    for (const [chatId, until] of this.pausedChats) {
      if (until > now) held.push(chatId);
      else this.pausedChats.delete(chatId);
    }
    return held;
  }

  /**
   * A send counted when it was chosen leaves a little later (its claim in the database first):
   * counted again at the moment it leaves, so the windows follow what Telegram sees.
   */
  move(chatId: number, from: number, to: number): void {
    if (to <= from) return;
    const index = this.recent.lastIndexOf(from);
    if (index >= 0) {
      this.recent.splice(index, 1);
      let at = this.recent.length;
      while (at > 0 && this.recent[at - 1]! > to) at--;
      this.recent.splice(at, 0, to);
    }
    if (this.lastByChat.get(chatId) === from) this.lastByChat.set(chatId, to);
    const sends = this.groupSends.get(chatId);
    const groupIndex = sends?.lastIndexOf(from) ?? -1;
    if (sends && groupIndex >= 0) sends[groupIndex] = to;
  }

  /** Takes back a send that did not happen (another instance had claimed the message). */
  forget(chatId: number, at: number): void {
    const index = this.recent.lastIndexOf(at);
    if (index >= 0) this.recent.splice(index, 1);
    if (this.lastByChat.get(chatId) === at) this.lastByChat.delete(chatId);
    const sends = this.groupSends.get(chatId);
    if (sends) sends.splice(sends.lastIndexOf(at), sends.includes(at) ? 1 : 0);
  }

  record(chatId: number, now: number): void {
    this.lastByChat.set(chatId, now);
    this.recent.push(now);
    if (chatId < 0) this.groupSends.set(chatId, [...(this.groupSends.get(chatId) ?? []), now]);
  }

  /** Holds every chat (of the network `chatId` is on, where networks are told apart). */
  pauseUntil(until: number, _chatId?: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Holds one chat only (a group's own limit). */
  pauseChat(chatId: number, until: number): void {
    this.pausedChats.set(chatId, Math.max(this.pausedChats.get(chatId) ?? 0, until));
  }
}
