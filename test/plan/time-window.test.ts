import { describe, expect, it } from "vitest";
import { parseTimeWindow } from "../../src/plan/time-window.ts";

const months = (text: string, year: number | null = 2024) => parseTimeWindow(text, year).months;

describe("reading a time cell", () => {
  it.each([
    ["Tháng 02, 03", [2, 3]],
    ["Tháng 04,05,06", [4, 5, 6]],
    ["Tháng 6 - 7", [6, 7]],
    ["Tháng 10 – 12", [10, 11, 12]],
    ["Tháng 8, 9, 10", [8, 9, 10]],
    ["tháng 3 và tháng 4", [3, 4]],
    ["Từ tháng 3 đến tháng 5", [3, 4, 5]],
    ["Từ tháng 11 đến hết tháng 12", [11, 12]],
    ["Trong quý II, III", [4, 5, 6, 7, 8, 9]],
    ["Quý I", [1, 2, 3]],
    ["Quý IV", [10, 11, 12]],
    ["Quý I và quý II", [1, 2, 3, 4, 5, 6]],
    ["6 tháng đầu năm", [1, 2, 3, 4, 5, 6]],
    ["6 tháng cuối năm", [7, 8, 9, 10, 11, 12]],
    ["Quý I; tháng 12", [1, 2, 3, 12]],
  ])("%s → %j", (text, expected) => {
    expect(months(text)).toEqual(expected);
    expect(parseTimeWindow(text, 2024).recurring).toBe(false);
  });

  it("reads all-year work as every month, recurring", () => {
    for (const text of ["Thường xuyên trong năm", "Hằng tháng", "Hàng tháng", "Cả năm"]) {
      expect(parseTimeWindow(text, 2024)).toEqual({ months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], recurring: true, due: null, status: "read" });
    }
    expect(parseTimeWindow("Hằng quý", 2024)).toMatchObject({ months: [3, 6, 9, 12], recurring: true });
  });

  it("reads a deadline as a due date and its month", () => {
    expect(parseTimeWindow("Trước ngày 15/11/2024", null)).toEqual({ months: [11], recurring: false, due: "2024-11-15", status: "read" });
    expect(parseTimeWindow("Chậm nhất ngày 05/3", 2019)).toMatchObject({ months: [3], due: "2019-03-05" });
    // Without a year in the text or the plan there is no date to give, but the month stands.
    expect(parseTimeWindow("Trước ngày 05/3", null)).toMatchObject({ months: [3], due: null });
    // A date that does not exist is no deadline.
    expect(parseTimeWindow("Trước ngày 31/02/2024", null)).toMatchObject({ months: [2], due: null });
  });

  it("does not read '6 tháng' as June", () => {
    expect(months("6 tháng đầu năm")).not.toContain(0);
    expect(months("Sơ kết 6 tháng đầu năm")).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("says what it could not read instead of guessing", () => {
    expect(parseTimeWindow("", 2024).status).toBe("empty");
    expect(parseTimeWindow("   ", 2024).status).toBe("empty");
    expect(parseTimeWindow("Tháng", 2024)).toEqual({ months: [], recurring: false, due: null, status: "incomplete" });
    expect(parseTimeWindow("Quý", 2024).status).toBe("incomplete");
    expect(parseTimeWindow("Theo chỉ đạo của UBND tỉnh", 2024).status).toBe("unreadable");
    expect(parseTimeWindow("Tháng 13", 2024).status).toBe("unreadable");
  });
});
