import type { Translate } from "../i18n.ts";
import type { DueList } from "../followup/due-milestones.ts";
import type { MilestoneView } from "../followup/milestone-view.ts";
import { describeMonths } from "../plan/describe-months.ts";
import { escapeHtml, shorten } from "./html.ts";

/**
 * The message a focal officer gets at the start of the month (and in reminders): the
 * milestones grouped "Chủ trì" / "Phối hợp", numbered, each with a button to report on it.
 */
export interface DueListMessage {
  html: string;
  /** Button label number → milestone, in the order shown. */
  items: MilestoneView[];
}

const TEXT_LIMIT = 300;

export function formatDueList(list: DueList, heading: string, t: Translate, firstNumber = 1): DueListMessage {
  const lines = [heading];
  const items: MilestoneView[] = [];
  const number = () => firstNumber + items.length - 1;
  const section = (title: string, milestones: MilestoneView[]) => {
    if (milestones.length === 0) return;
    lines.push("", `<b>${escapeHtml(title)}</b>`);
    for (const milestone of milestones) {
      items.push(milestone);
      const when = describeMonths(milestone, t);
      lines.push(`${number()}. ${escapeHtml(shorten(milestone.text, TEXT_LIMIT))} <i>(${escapeHtml(when)})</i>`);
    }
  };
  section(t("due-lead"), list.lead);
  section(t("due-coordinating"), list.coordinating);
  lines.push("", t("due-footer"));
  return { html: lines.join("\n"), items };
}
