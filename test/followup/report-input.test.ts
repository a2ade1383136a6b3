import { describe, expect, it } from "vitest";
import { meansDone, readPercent } from "../../src/followup/report-input.ts";

describe("reading a percent", () => {
  it.each([
    ["50", 50],
    ["0", 0],
    ["100", 100],
    [" 75 % ", 75],
    ["８０", 80],
  ])("%s → %i", (text, value) => expect(readPercent(text)).toEqual({ ok: true, value }));

  it.each([["150"], ["-5"], ["101"]])("%s is out of range", (text) => expect(readPercent(text)).toEqual({ ok: false, problem: "out-of-range" }));
  it.each([["năm mươi"], ["5.5"], ["👍"], [""], ["50 phần trăm nữa"]])("%s is not a number", (text) =>
    expect(readPercent(text)).toEqual({ ok: false, problem: "not-a-number" }),
  );
});

describe("a reply that says the work is done", () => {
  it("reads Vietnamese and English", () => {
    for (const text of ["Đã xong", "đã xong rồi", "Xong", "Hoàn thành", "Done"]) expect(meansDone(text), text).toBe(true);
    for (const text of ["Chưa xong", "Đang làm", "50%"]) expect(meansDone(text), text).toBe(false);
  });
});
