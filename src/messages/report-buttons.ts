import { reportButton } from "../chat/callback-data.ts";
import type { MilestoneView } from "../followup/milestone-view.ts";

/** One "report" button per listed milestone, numbered as in the message, five to a row. */
export function reportButtons(items: MilestoneView[], period: string, firstNumber: number, label: (n: number) => string) {
  const buttons = items.map((milestone, index) => ({ text: label(firstNumber + index), callback_data: reportButton.build({ milestoneId: milestone.id, period, saidDone: false }) }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(buttons.slice(i, i + 5));
  return { inline_keyboard: rows };
}
