/** Sums of a round: per award type and per agency, and who has not submitted. */
export interface CountLine {
  award: string;
  collective: number;
  individual: number;
}

export interface AgencyCounts {
  agencyId: string;
  counts: CountLine[];
  submittedAt: Date;
  version: number;
}

export interface RoundTotals {
  byAward: CountLine[];
  byAgency: AgencyCounts[];
  missing: string[];
  total: { collective: number; individual: number };
}

export function roundTotals(awardCodes: string[], askedAgencyIds: string[], reports: AgencyCounts[]): RoundTotals {
  const byAward = new Map(awardCodes.map((award) => [award, { award, collective: 0, individual: 0 }]));
  for (const report of reports) {
    for (const line of report.counts) {
      const sum = byAward.get(line.award);
      if (!sum) continue;
      sum.collective += line.collective;
      sum.individual += line.individual;
    }
  }
  const submitted = new Set(reports.map((report) => report.agencyId));
  const lines = [...byAward.values()];
  return {
    byAward: lines,
    byAgency: reports,
    missing: askedAgencyIds.filter((id) => !submitted.has(id)),
    total: { collective: lines.reduce((s, l) => s + l.collective, 0), individual: lines.reduce((s, l) => s + l.individual, 0) },
  };
}
