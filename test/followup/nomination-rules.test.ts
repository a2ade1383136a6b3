import { describe, expect, it } from "vitest";
import { isUnusuallyLarge, readCount } from "../../src/nominations/count-input.ts";
import { daysLeft, maySubmit } from "../../src/nominations/round-window.ts";
import { roundTotals } from "../../src/nominations/round-totals.ts";

describe("reading a count", () => {
  it.each([["0", 0], ["3", 3], [" 12 ", 12], ["1.000", 1000], ["１５", 15]])("%s → %i", (text, value) => expect(readCount(text)).toEqual({ ok: true, value }));
  it.each([
    ["-1", "negative"],
    ["2.5", "fraction"],
    ["1,5", "fraction"],
    ["1/2", "fraction"],
    ["ba", "not-a-number"],
    ["🎖", "not-a-number"],
    ["", "not-a-number"],
    ["1000000", "too-large"],
  ])("%s is refused as %s", (text, problem) => expect(readCount(text)).toEqual({ ok: false, problem }));
  it("flags numbers unusual for the award's level", () => {
    expect(isUnusuallyLarge(6, "state")).toBe(true);
    expect(isUnusuallyLarge(120, "grassroots")).toBe(false);
    expect(isUnusuallyLarge(600, "grassroots")).toBe(true);
  });
});

describe("a round's window and totals", () => {
  const deadline = new Date("2018-11-30T10:00:00Z");
  const round = { status: "open" as const, deadline, reopenedFor: [{ agency: "snv", until: new Date("2018-12-05T10:00:00Z") }] };
  it("lets agencies submit until the deadline, and a reopened one after it", () => {
    expect(maySubmit(round, "stc", new Date("2018-11-30T09:59:00Z"))).toBe(true);
    expect(maySubmit(round, "stc", deadline)).toBe(false);
    expect(maySubmit({ ...round, status: "closed" }, "snv", new Date("2018-12-01T00:00:00Z"))).toBe(true);
    expect(maySubmit({ ...round, status: "closed" }, "snv", new Date("2018-12-06T00:00:00Z"))).toBe(false);
    expect(daysLeft(deadline, new Date("2018-11-27T10:00:00Z"))).toBe(3);
    expect(daysLeft(deadline, new Date("2018-12-01T00:00:00Z"))).toBe(0);
  });
  it("sums per award and finds who is missing", () => {
    const totals = roundTotals(["CSTD", "LDTT"], ["a", "b", "c"], [
      { agencyId: "a", version: 1, submittedAt: new Date(), counts: [{ award: "CSTD", collective: 0, individual: 2 }, { award: "LDTT", collective: 0, individual: 40 }] },
      { agencyId: "b", version: 2, submittedAt: new Date(), counts: [{ award: "CSTD", collective: 0, individual: 1 }, { award: "OTHER", collective: 9, individual: 9 }] },
    ]);
    expect(totals.byAward).toEqual([{ award: "CSTD", collective: 0, individual: 3 }, { award: "LDTT", collective: 0, individual: 40 }]);
    expect(totals.missing).toEqual(["c"]);
    expect(totals.total).toEqual({ collective: 0, individual: 43 });
  });
});
