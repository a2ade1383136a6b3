/**
 * Inline button payloads, within Telegram's 64 bytes. Everything read back from a button is
 * checked again by its handler: a payload is a request, never a permission.
 */
const OBJECT_ID = /^[0-9a-f]{24}$/;

export const CALLBACK_LIMIT = 64;

/** "Báo cáo" on a milestone for a month: r:<milestone>:<yyyymm>. */
export function reportButtonData(milestoneId: string, period: string): string {
  return `r:${milestoneId}:${period.replace("-", "")}`;
}

/**
 * The same button with the work said to be done: what "3 xong" means on Zalo, where the choice
 * and the answer come in one reply. Never shown on Telegram.
 */
export function reportDoneButtonData(data: string): string {
  return `${data}:d`;
}

export function readReportButton(data: string): { milestoneId: string; period: string; saidDone: boolean } | null {
  const match = /^r:([0-9a-f]{24}):(\d{4})(\d{2})(:d)?$/.exec(data);
  if (!match || !OBJECT_ID.test(match[1]!)) return null;
  const month = Number(match[3]);
  if (month < 1 || month > 12) return null;
  return { milestoneId: match[1]!, period: `${match[2]}-${match[3]}`, saidDone: match[4] !== undefined };
}

export const REPORT_BUTTON_PATTERN = /^r:[0-9a-f]{24}:\d{6}(:d)?$/;

/** "Báo cáo tháng …" when /baocao asks which month: rp:<yyyymm>. */
export function reportPeriodButtonData(period: string): string {
  return `rp:${period.replace("-", "")}`;
}

export function readReportPeriodButton(data: string): string | null {
  const match = /^rp:(\d{4})(\d{2})$/.exec(data);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${match[1]}-${match[2]}` : null;
}

export const REPORT_PERIOD_BUTTON_PATTERN = /^rp:\d{6}$/;
