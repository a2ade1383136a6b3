import { AgencyModel } from "../../../models/agency.ts";
import { AwardTypeModel } from "../../../models/award-type.ts";
import { EmulationBlocModel } from "../../../models/emulation-bloc.ts";
import { MilestoneModel } from "../../../models/milestone.ts";
import { PlanModel } from "../../../models/plan.ts";
import type { CliCommand } from "../cli-context.ts";
import { withDatabase } from "../with-database.ts";

/** Read-only listings: what the database holds, for a person checking an import. */
export const agenciesListCommand: CliCommand = {
  usageKey: "cli-usage-agencies-list",
  async run(context) {
    const { t, out } = context;
    await withDatabase(context, async () => {
      const blocs = new Map((await EmulationBlocModel.find().lean()).map((bloc) => [bloc.code, bloc.name]));
      const agencies = await AgencyModel.find().sort({ bloc: 1, code: 1 }).lean();
      for (const agency of agencies) {
        const bloc = agency.bloc ? (blocs.get(agency.bloc) ?? agency.bloc) : t("agencies-no-bloc");
        out(`${agency.code.padEnd(10)} ${agency.name} · ${t(`agency-kind-${agency.kind}`)} · ${bloc}`);
      }
      out(t("agencies-count", { count: agencies.length, blocs: blocs.size }));
    });
  },
};

export const awardsListCommand: CliCommand = {
  usageKey: "cli-usage-awards-list",
  async run(context) {
    const { t, out } = context;
    await withDatabase(context, async () => {
      const awards = await AwardTypeModel.find({ active: true }).sort({ order: 1 }).lean();
      for (const award of awards) out(`${award.code.padEnd(22)} ${award.name} · ${t(`award-scope-${award.scope}`)}`);
      out(t("awards-count", { count: awards.length }));
    });
  },
};

export const planListCommand: CliCommand = {
  usageKey: "cli-usage-plan-list",
  async run(context) {
    const { t, out } = context;
    await withDatabase(context, async () => {
      const plans = await PlanModel.find().sort({ year: -1 }).lean();
      for (const plan of plans) {
        const tasks = await MilestoneModel.countDocuments({ plan: plan._id, retiredAt: null });
        out(`${plan._id} · ${plan.year} · ${plan.number ?? "-"} · ${plan.title} · ${t("plan-review-task-count", { count: tasks })}`);
      }
      if (plans.length === 0) out(t("plan-list-empty"));
    });
  },
};
