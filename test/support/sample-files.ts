import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The Lai Châu 2018 plan: the shared original when it is beside the repo, else the repo's copy. */
export function laiChauPlanPath(): string {
  const shared = `${repoRoot}../shared/plans/lai-chau-2018.txt`;
  return existsSync(shared) ? shared : `${repoRoot}data/samples/lai-chau-2018.txt`;
}

export function readLaiChauPlan(): string {
  return readFileSync(laiChauPlanPath(), "utf8");
}

export function repoPath(relative: string): string {
  return `${repoRoot}${relative}`;
}
