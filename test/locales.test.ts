import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "./support/sample-files.ts";

const keys = (locale: string) =>
  readFileSync(repoPath(`locales/${locale}.ftl`), "utf8")
    .split("\n")
    .map((line) => /^([a-z][a-z0-9-]*)\s*=/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);

describe("the locales", () => {
  it("have the same keys in Vietnamese and English, each once", () => {
    const vi = keys("vi");
    const en = keys("en");
    expect(new Set(vi).size).toBe(vi.length);
    expect([...vi].sort()).toEqual([...en].sort());
  });

  it("write Vietnamese with its diacritics, in NFC", () => {
    const text = readFileSync(repoPath("locales/vi.ftl"), "utf8");
    expect(text).toBe(text.normalize("NFC"));
    expect(text).toContain("Báo cáo tiến độ nhiệm vụ");
  });
});
