import { describe, expect, it } from "vitest";
import { cleanName, cleanNote, readableName } from "../../src/text/clean-text.ts";

/** Names, codes and notes (issue 18, point 7): NFC, and nothing that hides or turns what is shown. */
describe("a name", () => {
  it("is normalised to NFC, with invisible characters taken out and spaces collapsed", () => {
    const decomposed = "So\u031B\u0309 Nô\u0323i vu\u0323"; // "Sở Nội vụ" typed with combining marks
    expect(cleanName(decomposed)).toEqual({ ok: true, text: "Sở Nội vụ" });
    expect(cleanName("  Sở  Nội\u200B vụ\u00A0")).toEqual({ ok: true, text: "Sở Nội vụ" });
  });

  it("is refused when it is only zero-width characters or blank", () => {
    for (const raw of ["\u200B", "\u200B\u200C\u200D\uFEFF", "\u2060 \u2800", "   ", "\u3164"]) expect(cleanName(raw), JSON.stringify(raw)).toEqual({ ok: false, problem: "invisible" });
  });

  it("is refused when it turns the direction of the text", () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(cleanName(`Sở Nội vụ ${String.fromCodePoint(code)}cod.exe`)).toEqual({ ok: false, problem: "bidi" });
    }
  });

  it("is refused when it holds control characters or line breaks", () => {
    for (const raw of ["Sở\u0000Nội vụ", "Sở\nNội vụ", "Sở\tNội", "Sở\u001BNội", "Sở\u0085Nội", "Sở\u2028Nội"]) expect(cleanName(raw), JSON.stringify(raw)).toEqual({ ok: false, problem: "control" });
  });
});

describe("a note", () => {
  it("keeps its lines, tabs and emoji, and is refused when nothing in it shows", () => {
    expect(cleanNote("Đã xong.\r\nChờ ký:\tquyết định 👍🏽\u200D")).toEqual({ ok: true, text: "Đã xong.\nChờ ký:\tquyết định 👍🏽\u200D" });
    expect(cleanNote("\u200B\u200B\n\u200B")).toEqual({ ok: false, problem: "invisible" });
    expect(cleanNote("Đã chuyển \u202Efdp.exe")).toEqual({ ok: false, problem: "bidi" });
    expect(cleanNote("chuông\u0007")).toEqual({ ok: false, problem: "control" });
  });
});

describe("a name from a Telegram or Zalo profile", () => {
  it("is shown without what hides or turns text, and is empty when nothing is left", () => {
    expect(readableName("Lan\u202E nahK")).toBe("Lan nahK");
    expect(readableName("\u200B\u200B")).toBe("");
    expect(readableName("Nguye\u0302\u0303n\u0000 Va\u0306n")).toBe("Nguyễn Văn");
  });
});
