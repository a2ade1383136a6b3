import { describe, expect, it } from "vitest";
import { linesIn, matchRegistrations, roundYear } from "../../src/nominations/registration-match.ts";

describe("registrations set against nominations", () => {
  const registered = [
    { agencyId: "a", award: "BK", collective: 1, individual: 3 },
    { agencyId: "a", award: "CSTD", collective: 0, individual: 2 },
    // A second registration round of the year adds to the first.
    { agencyId: "b", award: "BK", collective: 1, individual: 0 },
    { agencyId: "b", award: "BK", collective: 1, individual: 0 },
  ];
  const proposed = [
    { agencyId: "a", award: "BK", collective: 0, individual: 3 },
    { agencyId: "b", award: "BK", collective: 2, individual: 0 },
    { agencyId: "c", award: "CSTD", collective: 0, individual: 4 },
    { agencyId: "c", award: "GK", collective: 0, individual: 0 },
  ];
  const match = matchRegistrations(registered, proposed, ["CSTD", "BK", "GK"], ["c", "b", "a"]);

  it("puts each agency, award and scope in one state, in the directory's and the catalogue's order", () => {
    const line = (l: { agencyId: string; award: string; scope: string; registered: number; proposed: number }) => `${l.agencyId} ${l.award} ${l.scope} ${l.registered}/${l.proposed}`;
    expect(linesIn(match, "registered-and-proposed").map(line)).toEqual(["b BK collective 2/2", "a BK individual 3/3"]);
    expect(linesIn(match, "registered-not-proposed").map(line)).toEqual(["a CSTD individual 2/0", "a BK collective 1/0"]);
    expect(linesIn(match, "proposed-not-registered").map(line)).toEqual(["c CSTD individual 0/4"]);
    // Nothing on either side is no line at all.
    expect(match.lines.some((l) => l.award === "GK")).toBe(false);
  });

  it("sums each award over the agencies", () => {
    expect(match.awards).toEqual([
      { award: "CSTD", registered: { collective: 0, individual: 2 }, proposed: { collective: 0, individual: 4 } },
      { award: "BK", registered: { collective: 3, individual: 3 }, proposed: { collective: 2, individual: 3 } },
      { award: "GK", registered: { collective: 0, individual: 0 }, proposed: { collective: 0, individual: 0 } },
    ]);
  });

  it("gives a round the year its title names, else its deadline's", () => {
    expect(roundYear("Khen thưởng tổng kết năm 2026", 2027)).toBe(2026);
    expect(roundYear("Đăng ký thi đua", 2026)).toBe(2026);
    expect(roundYear("Đợt 12345", 2026)).toBe(2026);
  });
});
