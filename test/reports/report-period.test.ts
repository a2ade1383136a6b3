import { describe, expect, it } from "vitest";
import { translatorFor } from "../../src/i18n.ts";
import { readMonth } from "../../src/followup/reportable-periods.ts";
import { checkReportRange, describePeriod, readRangeWords } from "../../src/reports/report-period.ts";
import { textWidthPoints } from "../../src/reports/text-width.ts";

const t = translatorFor("vi");
const m = (year: number, month: number) => ({ year, month });

describe("a report's period", () => {
  it("is named as a report names it", () => {
    expect(describePeriod(m(2026, 1), m(2026, 6), t)).toBe("6 tháng đầu năm 2026");
    expect(describePeriod(m(2026, 7), m(2026, 12), t)).toBe("6 tháng cuối năm 2026");
    expect(describePeriod(m(2026, 1), m(2026, 12), t)).toBe("năm 2026");
    expect(describePeriod(m(2026, 4), m(2026, 6), t)).toBe("quý II năm 2026");
    expect(describePeriod(m(2026, 1), m(2026, 9), t)).toBe("9 tháng đầu năm 2026");
    expect(describePeriod(m(2026, 3), m(2026, 3), t)).toBe("tháng 3 năm 2026");
    expect(describePeriod(m(2026, 2), m(2026, 5), t)).toBe("từ tháng 2 đến tháng 5 năm 2026");
    expect(describePeriod(m(2025, 11), m(2026, 2), t)).toBe("từ tháng 11/2025 đến tháng 2/2026");
  });

  it("is refused when empty, too long, in the future or without a plan", () => {
    const now = m(2026, 7);
    expect(checkReportRange(m(2026, 6), m(2026, 1), now, [2026])).toEqual({ problem: { key: "doc-error-range-empty", params: { from: "6/2026", to: "1/2026" } } });
    expect(checkReportRange(m(2025, 1), m(2026, 6), now, [2025, 2026])).toEqual({ problem: { key: "doc-error-range-too-long", params: { count: 18, max: 12 } } });
    expect(checkReportRange(m(2026, 1), m(2026, 8), now, [2026])).toEqual({ problem: { key: "doc-error-range-future", params: { month: "8/2026" } } });
    expect(checkReportRange(m(2025, 12), m(2026, 1), now, [2026])).toEqual({ problem: { key: "doc-error-no-plan", params: { year: "2025" } } });
    expect(checkReportRange(m(2026, 1), m(2026, 3), now, [2026])).toEqual({ months: [m(2026, 1), m(2026, 2), m(2026, 3)] });
  });

  it("is read from the words after /baocaoky", () => {
    const now = m(2026, 7);
    expect(readRangeWords(["1/2026", "6/2026"], now, readMonth)).toEqual({ from: m(2026, 1), to: m(2026, 6) });
    expect(readRangeWords(["3/2026"], now, readMonth)).toEqual({ from: m(2026, 3), to: m(2026, 3) });
    // This year: up to this month; a past year: all of it.
    expect(readRangeWords(["2026"], now, readMonth)).toEqual({ from: m(2026, 1), to: m(2026, 7) });
    expect(readRangeWords(["2025"], now, readMonth)).toEqual({ from: m(2025, 1), to: m(2025, 12) });
    expect(readRangeWords([], now, readMonth)).toEqual({ usage: true });
    expect(readRangeWords(["1/2026", "sáu"], now, readMonth)).toEqual({ badMonth: "sáu" });
  });
});

describe("a line's width in Times New Roman", () => {
  it("gives Vietnamese letters their base letter's width, bold wider than regular", () => {
    expect(textWidthPoints("Độc lập", 13, true)).toBe(textWidthPoints("Doc lap", 13, true));
    expect(textWidthPoints("SỞ NỘI VỤ", 13, true)).toBeGreaterThan(textWidthPoints("SỞ NỘI VỤ", 13, false));
    // LibreOffice lays the motto out 159.1 pt wide at 13 pt bold in Liberation Serif, whose widths are Times New Roman's.
    expect(Math.abs(textWidthPoints("Độc lập - Tự do - Hạnh phúc", 13, true) / 159.1 - 1)).toBeLessThan(0.02);
  });
});
