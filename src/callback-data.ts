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

export function readReportButton(data: string): { milestoneId: string; period: string } | null {
  const match = /^r:([0-9a-f]{24}):(\d{4})(\d{2})$/.exec(data);
  if (!match || !OBJECT_ID.test(match[1]!)) return null;
  const month = Number(match[3]);
  if (month < 1 || month > 12) return null;
  return { milestoneId: match[1]!, period: `${match[2]}-${match[3]}` };
}

export const REPORT_BUTTON_PATTERN = /^r:[0-9a-f]{24}:\d{6}$/;
