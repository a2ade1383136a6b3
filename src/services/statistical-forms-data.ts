import { AwardTypeModel } from "../../models/award-type.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import type { Translate } from "../i18n.ts";
import { roundYear } from "../nominations/registration-match.ts";
import { fillForm, provinceForm, stateForm, type AwardCount } from "../reports/statistical-forms.ts";
import { statisticalFormsXlsx } from "../reports/statistical-forms-xlsx.ts";
import { yearMonthAt } from "../time/calendar.ts";

/**
 * The year's statistical forms (src/reports/statistical-forms.ts) from its nomination rounds:
 * each agency's latest counts, summed per award over the rounds that belong to the year.
 */
export async function buildStatisticalForms(year: number, reporter: string, timeZone: string, t: Translate): Promise<{ name: string; bytes: Buffer; rounds: number }> {
  const rounds = (await NominationRoundModel.find({ kind: "nomination" }).sort({ seq: 1 }).lean()).filter(
    (round) => (round.year ?? roundYear(round.title, yearMonthAt(round.deadline, timeZone).year)) === year,
  );
  const reports = await NominationReportModel.find({ round: { $in: rounds.map((round) => round._id) } }, { counts: 1 }).lean();
  const counts: AwardCount[] = reports.flatMap((report) => report.counts.map((count) => ({ award: count.award, collective: count.collective ?? 0, individual: count.individual ?? 0 })));
  // The medals the catalogue knows, each a pair of columns under "Các loại huân chương, huy chương".
  const medals = (await AwardTypeModel.find({ level: "state", name: /^Hu[ây]/ }).sort({ order: 1, code: 1 }).lean()).map((award) => ({ code: award.code, name: award.name }));
  const bytes = await statisticalFormsXlsx(
    [fillForm(stateForm(medals), counts), fillForm(provinceForm(), counts)],
    { year, reporter, rounds: rounds.map((round) => t("forms-round", { seq: round.seq, title: round.title })) },
    t,
  );
  return { name: `bieu-thong-ke-thi-dua-khen-thuong-${year}.xlsx`, bytes, rounds: rounds.length };
}
