import type { Translate } from "../i18n.ts";
import type { PlanWarning } from "./plan-types.ts";

/** The sentence a person reads for an importer warning, in their language. */
export function describePlanWarning(warning: PlanWarning, t: Translate): string {
  // Strings, not numbers: Fluent would print line 1234 as "1.234".
  const params = Object.fromEntries(Object.entries(warning.params).map(([key, value]) => [key, String(value)]));
  return t(`plan-warning-${warning.code}`, params);
}
