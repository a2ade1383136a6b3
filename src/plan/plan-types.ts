import type { PlanUnit, UnitRole } from "./units.ts";

export type { PlanUnit, UnitRole };

/** One task of the plan, as the importer read it. */
export interface ParsedMilestone {
  /** The TT cell the task came from ("1", "11"); null for a row the document left unnumbered. */
  row: string | null;
  text: string;
  /** Months 1–12, ascending; empty when the document gives none. */
  months: number[];
  recurring: boolean;
  due: string | null;
  units: PlanUnit[];
  allAgencies: boolean;
  /** How every agency takes part when `allAgencies` is set: leading when the plan lists them first. */
  allAgenciesRole?: UnitRole | null;
}

export type PlanWarningCode =
  | "no-table"
  | "unnumbered-row"
  | "time-missing"
  | "time-unreadable"
  | "time-recovered"
  | "units-missing"
  | "row-numbers-skip"
  | "row-without-tasks";

/** Something the reader of the plan must look at; never a silent guess. */
export interface PlanWarning {
  code: PlanWarningCode;
  row: string | null;
  params: Record<string, string | number>;
}

export interface ParsedPlan {
  title: string;
  year: number | null;
  issuer: string | null;
  number: string | null;
  issuedOn: string | null;
  milestones: ParsedMilestone[];
  warnings: PlanWarning[];
}
