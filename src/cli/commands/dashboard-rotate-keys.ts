import { rotateDashboardKeys } from "../../services/dashboard-keys.ts";
import type { CliCommand } from "../cli-context.ts";
import { withDatabase } from "../with-database.ts";

/**
 * `dashboard rotate-keys`: throws away every secret that signs the dashboard's links and
 * sessions (after a leak, or a device lost): every link and open dashboard stops working, on every
 * instance within a minute, and a new secret is made at the next need. Otherwise they renew
 * themselves every 30 days.
 */
export const dashboardRotateKeysCommand: CliCommand = {
  usageKey: "cli-usage-dashboard-rotate-keys",
  async run(context) {
    const deleted = await withDatabase(context, () => rotateDashboardKeys());
    context.out(context.t("dashboard-keys-rotated", { count: deleted }));
  },
};
