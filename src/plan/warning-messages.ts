import type { Translate } from "../i18n.ts";
import type { PlanWarning } from "./plan-types.ts";

/** The sentence a person reads for an importer warning, in their language. */
export function describePlanWarning(warning: PlanWarning, t: Translate): string {
  // Strings, not numbers: Fluent would print line 1234 as "1.234".
  const params = Object.fromEntries(Object.entries(warning.params).map(([key, value]) => [key, String(value)]));
  params.row = warning.row === null ? t("plan-row-unnumbered", { after: params.after ?? "-" }) : t("plan-row", { row: warning.row });
  return t(`plan-warning-${warning.code}`, params);
}
