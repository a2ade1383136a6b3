import { fileURLToPath } from "node:url";

/** The award catalogue shipped with dondoc (Law 06/2022/QH15, Decree 152/2025/NĐ-CP). */
export const DEFAULT_AWARD_CATALOGUE = fileURLToPath(new URL("../../data/awards/default-catalogue.csv", import.meta.url));
