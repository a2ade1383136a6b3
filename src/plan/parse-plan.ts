import { splitBullets } from "./bullets.ts";
import { parseHeader } from "./header.ts";
import { collapseSpaces, htmlToText } from "./plain-text.ts";
import type { ParsedMilestone, ParsedPlan, PlanWarning } from "./plan-types.ts";
import { readTable, type TableRow } from "./table.ts";
import { parseTimeWindow, type TimeWindow } from "./time-window.ts";
import { parseUnits, type PlanUnit, type ParsedUnits } from "./units.ts";

/**
 * Turns the converted text of a "Kế hoạch công tác thi đua, khen thưởng" into milestones,
 * reading it as a careful official would: rows broken across pages are joined, numbers that
 * slid into the wrong cell are recovered, and whatever stays unclear becomes a warning.
 */

/** A table row after page-break continuations have been folded back into it. */
interface RowGroup {
  number: string | null;
  tasks: string[];
  unitsText: string;
  coordinatingText: string | null;
  timeText: string;
  line: number;
  /** The numbered row this unnumbered one followed, for messages. */
  after: string | null;
}

function cellText(raw: string): string {
  return htmlToText(raw);
}

function cleanTask(text: string): string {
  return collapseSpaces(text).replace(/[\s;,]+$/, "");
}

function joinFragment(previous: string, fragment: string): string {
  return collapseSpaces(`${previous.replace(/[\s;,]+$/, "")} ${fragment}`);
}

function appendText(existing: string, addition: string): string {
  if (addition.trim() === "") return existing;
  return existing.trim() === "" ? addition : `${existing}\n${addition}`;
}

function groupRows(rows: TableRow[], warnings: PlanWarning[]): RowGroup[] {
  const groups: RowGroup[] = [];
  let lastNumber: string | null = null;
  for (const row of rows) {
    const { lead, items } = splitBullets(cellText(row.content));
    const previous = groups.at(-1);
    if (row.number === "" && previous && lead !== "") {
      // A page break cut the previous row: the fragment ends its last task, the rest is its own.
      const last = previous.tasks.length - 1;
      if (last >= 0) previous.tasks[last] = joinFragment(previous.tasks[last]!, lead);
      else previous.tasks.push(lead);
      previous.tasks.push(...items);
      previous.unitsText = appendText(previous.unitsText, row.units);
      if (row.coordinating !== null) previous.coordinatingText = appendText(previous.coordinatingText ?? "", row.coordinating);
      if (previous.timeText.trim() === "") previous.timeText = row.time;
      continue;
    }
    const tasks = [lead.endsWith(":") ? "" : lead, ...items].filter((task) => task !== "");
    if (row.number === "" && tasks.length > 0) {
      warnings.push({
        code: "unnumbered-row",
        row: null,
        params: { after: lastNumber ?? "-", line: row.line, count: tasks.length },
      });
    }
    if (row.number !== "") lastNumber = row.number;
    groups.push({
      number: row.number === "" ? null : row.number,
      tasks,
      unitsText: row.units,
      coordinatingText: row.coordinating,
      timeText: row.time,
      line: row.line,
      after: row.number === "" ? lastNumber : null,
    });
  }
  return groups;
}

/** Where a row stands, for messages: unnumbered rows are named by the row they follow. */
function rowPlace(group: RowGroup): Record<string, string> {
  return group.number === null ? { after: group.after ?? "-" } : {};
}

/**
 * Row 11 of the Lai Châu plan reads "Tháng" in the time cell and "Các cơ quan, đơn vị 11, 12
 * địa phương" in the units cell: the months slid sideways. Take them back, and say so.
 */
function recoverLeakedMonths(group: RowGroup, planYear: number | null): { window: TimeWindow; unitsText: string } | null {
  const units = cellText(group.unitsText);
  const leaked = /(?<![\d/.])(\d{1,2}(?:\s*[,–-]\s*\d{1,2})*)(?![\d/.])/u.exec(units);
  if (!leaked) return null;
  const window = parseTimeWindow(`${collapseSpaces(group.timeText)} ${leaked[1]}`, planYear);
  if (window.status !== "read") return null;
  const unitsText = units.slice(0, leaked.index) + units.slice(leaked.index + leaked[0].length);
  return { window, unitsText };
}

function readTime(group: RowGroup, planYear: number | null, warnings: PlanWarning[]): { window: TimeWindow; unitsText: string } {
    const window = parseTimeWindow(cellText(group.timeText), planYear);
  if (window.status === "incomplete") {
    const recovered = recoverLeakedMonths(group, planYear);
    if (recovered) {
      warnings.push({
        code: "time-recovered",
        row: group.number,
        params: { ...rowPlace(group), time: collapseSpaces(group.timeText), months: recovered.window.months.join(", ") },
      });
      return recovered;
    }
  }
  if (window.status === "empty") {
    warnings.push({ code: "time-missing", row: group.number, params: rowPlace(group) });
  } else if (window.status !== "read") {
    warnings.push({ code: "time-unreadable", row: group.number, params: { ...rowPlace(group), time: collapseSpaces(cellText(group.timeText)) } });
  }
  return { window, unitsText: cellText(group.unitsText) };
}

function readUnits(unitsText: string, coordinatingText: string | null): ParsedUnits {
  const main = parseUnits(unitsText);
  if (coordinatingText === null) return main;
  // Plans with separate "Chủ trì" and "Phối hợp" columns: every unit of the second coordinates.
  const extra = parseUnits(cellText(coordinatingText));
  const seen = new Set(main.units.map((unit) => unit.name.toLocaleLowerCase("vi")));
  const units: PlanUnit[] = main.units.map((unit) => ({ ...unit, role: "lead" }));
  for (const unit of extra.units) {
    if (!seen.has(unit.name.toLocaleLowerCase("vi"))) units.push({ name: unit.name, role: "coordinating" });
  }
  const allAgencies = main.allAgencies || extra.allAgencies;
  return { units, allAgencies, allAgenciesRole: main.allAgencies ? "lead" : extra.allAgencies ? "coordinating" : null };
}

function warnOnSkippedNumbers(groups: RowGroup[], warnings: PlanWarning[]): void {
  let previous: number | null = null;
  for (const group of groups) {
    if (group.number === null || !/^\d+$/.test(group.number)) continue;
    const current = Number(group.number);
    if (previous !== null && current > previous + 1) {
      warnings.push({ code: "row-numbers-skip", row: group.number, params: { from: previous, to: current } });
    }
    previous = current;
  }
}

export function parsePlan(source: string): ParsedPlan {
  const text = source.normalize("NFC").replace(/\r\n?/g, "\n");
  const header = parseHeader(text);
  const warnings: PlanWarning[] = [];
  const rows = readTable(text);
  if (rows.length === 0) warnings.push({ code: "no-table", row: null, params: {} });

  const groups = groupRows(rows, warnings);
  warnOnSkippedNumbers(groups, warnings);

  const milestones: ParsedMilestone[] = [];
  for (const group of groups) {
    const tasks = group.tasks.map(cleanTask).filter((task) => task !== "");
    if (tasks.length === 0) {
      warnings.push({ code: "row-without-tasks", row: group.number, params: rowPlace(group) });
      continue;
    }
    const { window, unitsText } = readTime(group, header.year, warnings);
    const units = readUnits(unitsText, group.coordinatingText);
    if (units.units.length === 0 && !units.allAgencies) {
      warnings.push({ code: "units-missing", row: group.number, params: rowPlace(group) });
    }
    for (const task of tasks) {
      milestones.push({
        row: group.number,
        text: task,
        months: window.months,
        recurring: window.recurring,
        due: window.due,
        units: units.units,
        allAgencies: units.allAgencies,
        allAgenciesRole: units.allAgenciesRole,
      });
    }
  }
  return { ...header, milestones, warnings };
}
