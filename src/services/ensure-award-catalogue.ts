import { readFileSync } from "node:fs";
import { AwardTypeModel } from "../../models/award-type.ts";
import { readAwardCsv } from "../awards/award-csv.ts";
import { DEFAULT_AWARD_CATALOGUE } from "../awards/default-catalogue.ts";
import { importAwards } from "./import-awards.ts";

/** A new database gets the shipped catalogue; an edited one is left as the province keeps it. */
export async function ensureAwardCatalogue(now: Date): Promise<void> {
  if ((await AwardTypeModel.estimatedDocumentCount()) > 0) return;
  const read = readAwardCsv(readFileSync(DEFAULT_AWARD_CATALOGUE, "utf8"));
  if (!("rows" in read)) throw new Error(`the shipped award catalogue does not read: ${JSON.stringify(read.problems[0])}`);
  await importAwards(read.rows, { via: "job", name: "start-up" }, now);
}
