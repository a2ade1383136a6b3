import { readFileSync } from "node:fs";
import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { ZALO_ID_BASE } from "../src/chat-networks.ts";
import { Translations, type ChatTranslationFlavor } from "../src/i18n.ts";
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

describe("translations in chat", () => {
  const translated = (chatId: number, languageCode: string) => {
    const ctx = { chat: { id: chatId }, from: { id: 1, language_code: languageCode } } as unknown as Context & ChatTranslationFlavor;
    void new Translations("vi").middleware()(ctx, async () => {});
    return ctx;
  };

  it("say each sentence for the chat's network and the person's language, the same every time", () => {
    const telegram = translated(4101, "vi");
    const zalo = translated(ZALO_ID_BASE + 7, "vi");
    const english = translated(4102, "en-US");
    for (let round = 0; round < 2; round++) {
      expect(telegram.t("report-use-buttons")).toBe("Vui lòng chọn bằng các nút bên dưới.");
      expect(zalo.t("report-use-buttons")).toBe("Vui lòng trả lời bằng số của một lựa chọn ở trên.");
      expect(english.t("report-use-buttons")).not.toBe(telegram.t("report-use-buttons"));
    }
    expect(english.i18n.locale).toBe("en");
    english.i18n.useLocale("vi");
    expect(english.t("report-use-buttons")).toBe("Vui lòng chọn bằng các nút bên dưới.");
  });

  it("escape what they insert, and show an unknown key as it is", () => {
    const telegram = translated(4101, "fr");
    expect(telegram.i18n.locale).toBe("vi");
    expect(telegram.t("welcome-member", { name: "<b>Lan</b> & co" })).toBe("Chào &lt;b&gt;Lan&lt;/b&gt; &amp; co! Gửi /trogiup để xem các lệnh bạn dùng được.");
    expect(telegram.t("no-such-key")).toBe("{no-such-key}");
  });
});
