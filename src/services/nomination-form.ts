import { AwardTypeModel } from "../../models/award-type.ts";
import { NominationReportModel } from "../../models/nomination-report.ts";
import { NominationRoundModel } from "../../models/nomination-round.ts";
import { maySubmit } from "../nominations/round-window.ts";
import { roundWindowOf } from "./nomination-rounds.ts";

/** What the nomination conversation asks: the round's award types, and the agency's last counts. */
export interface NominationForm {
  roundId: string;
  seq: number;
  title: string;
  /** registration: the agency registers what it aims for; nomination: it proposes. */
  kind: "registration" | "nomination";
  deadline: string;
  open: boolean;
  awards: { code: string; name: string; scope: "collective" | "individual" | "both"; level: string }[];
  previous: { award: string; collective: number; individual: number }[];
  version: number;
}

export async function loadNominationForm(roundId: string, agencyId: string, now: Date): Promise<NominationForm | null> {
  const round = await NominationRoundModel.findById(roundId).lean();
  if (!round || !round.agencies.some((id) => String(id) === agencyId)) return null;
  const awards = await AwardTypeModel.find({ code: { $in: round.awardTypes } }).lean();
  const report = await NominationReportModel.findOne({ round: round._id, agency: agencyId }).lean();
  return {
    roundId: String(round._id),
    seq: round.seq,
    title: round.title,
    kind: round.kind as NominationForm["kind"],
    // Reopened for this agency: its own deadline is the one that counts.
    deadline: (round.reopenedFor.find((entry) => String(entry.agency) === agencyId)?.until ?? round.deadline).toISOString(),
    open: maySubmit(roundWindowOf(round), agencyId, now),
    awards: round.awardTypes.map((code) => {
      const award = awards.find((a) => a.code === code);
      return { code, name: award?.name ?? code, scope: (award?.scope as "collective" | "individual" | "both") ?? "both", level: award?.level ?? "province" };
    }),
    previous: (report?.counts ?? []).map((c) => ({ award: c.award, collective: c.collective ?? 0, individual: c.individual ?? 0 })),
    version: report?.version ?? 0,
  };
}
