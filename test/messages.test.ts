import { formatAuditLine } from "../src/messages/audit-line.ts";
import { describe, expect, it } from "vitest";
import { CALLBACK_LIMIT, reportButton } from "../src/chat/callback-data.ts";
import { escapeHtml } from "../src/messages/html.ts";
import { splitMessage } from "../src/messages/split-message.ts";

describe("messages that fit Telegram", () => {
  it("split at line boundaries under 4,096 characters", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. ${"Nhiệm vụ thi đua, khen thưởng ".repeat(2).trim()}`);
    const parts = splitMessage(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  it("cut an over-long line at a space", () => {
    const parts = splitMessage(`${"từ ".repeat(3000)}`);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join(" ").replace(/\s+/g, " ").trim()).toBe("từ ".repeat(3000).trim());
  });

  it("escape what users and plans write", () => {
    expect(escapeHtml("<b>Sở & Ban</b>")).toBe("&lt;b&gt;Sở &amp; Ban&lt;/b&gt;");
  });

  it("keep report buttons within 64 bytes and read them back strictly", () => {
    const data = reportButton.build({ milestoneId: "5a9f1c2b3d4e5f6a7b8c9d0e", period: "2018-03", saidDone: false });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_LIMIT);
    expect(reportButton.read(data)).toEqual({ milestoneId: "5a9f1c2b3d4e5f6a7b8c9d0e", period: "2018-03", saidDone: false });
    for (const forged of ["r:5a9f1c2b3d4e5f6a7b8c9d0e:201813", "r:5A9F1C2B3D4E5F6A7B8C9D0E:201803", "r:1:201803", "x:5a9f1c2b3d4e5f6a7b8c9d0e:201803"]) {
      expect(reportButton.read(forged), forged).toBeNull();
    }
  });
});

describe("an audit line", () => {
  it("shows agency codes instead of ids, and the time in Asia/Ho_Chi_Minh", () => {
    const codes = new Map([["5a9f1c2b3d4e5f6a7b8c9d0e", "SNV"]]);
    const line = formatAuditLine(
      { at: new Date("2026-03-02T01:30:00Z"), actor: { via: "chat", name: "Lan", telegramId: 42 }, action: "nomination.submitted", subject: { kind: "nomination-report", id: "r1" }, details: { agency: "5a9f1c2b3d4e5f6a7b8c9d0e", version: 2 } },
      codes,
      "Asia/Ho_Chi_Minh",
    );
    expect(line).toBe('02/03/2026 08:30 · chat · Lan (42) · nomination.submitted · nomination-report r1 · {"agency":"SNV","version":2}');
  });
});

