import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AgencyModel } from "../../models/agency.ts";
import { startSandbox, type Sandbox } from "../../devkit/sandbox/sandbox-app.ts";

/** The sandbox playing the 2026 sample: the directory after the 2025 reorganisation, over HTTP as the page uses it. */
describe("the sandbox with the 2026 sample", () => {
  let sandbox: Sandbox;
  const name = `dondoc_sandbox_2026_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    const uri = new URL(inject("mongoUri"));
    uri.pathname = `/${name}`;
    sandbox = await startSandbox({ mongoUri: uri.toString(), sample: "2026" });
  }, 60_000);
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await sandbox?.stop();
  });

  const post = async (path: string, body: unknown) => (await fetch(`${sandbox.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();

  it("seeds merged departments and communes, and sends the March 2026 tasks on its first working day", async () => {
    const state = (await (await fetch(`${sandbox.url}/sandbox/state`)).json()) as { personas: { name: string; agencyCode?: string }[]; panel: { push: string }; sample: string };
    expect(state.sample).toBe("2026");
    expect(state.panel.push).toBe("2026-03-02T08:00:00");
    expect(state.personas.map((p) => p.agencyCode)).toContain("XTAMDUONG");
    expect(await AgencyModel.countDocuments({ kind: "district", active: true })).toBe(0);
    const ran = (await post("/sandbox/clock", { action: "monthly-push", date: state.panel.push })) as { result: { job: string; asOf: string; enqueued: number } };
    expect(ran.result).toMatchObject({ job: "monthly-push", asOf: "2026-03-02T01:00:00.000Z" });
    expect(ran.result.enqueued).toBeGreaterThan(0);
  });

  it("has an officer on Zalo whose chat is plain text with numbered choices, answered by number", { timeout: 120_000 }, async () => {
    const state = (await (await fetch(`${sandbox.url}/sandbox/state`)).json()) as { personas: { key: string; chatId: number; zaloId?: string }[]; panel: { push: string } };
    const hoa = state.personas.find((p) => p.zaloId)!;
    const messages = async () => ((await (await fetch(`${sandbox.url}/sandbox/chats/${hoa.chatId}/messages?user=${hoa.chatId}`)).json()) as { messages: { text?: string; reply_markup?: unknown }[] }).messages;
    await post("/sandbox/clock", { action: "monthly-push", date: state.panel.push });
    await expect.poll(async () => (await messages()).map((m) => m.text).join("\n"), { timeout: 45_000 }).toContain("Trả lời bằng số thứ tự nhiệm vụ");
    expect((await messages()).every((m) => m.reply_markup === undefined && !/<\/?b>/.test(m.text ?? ""))).toBe(true);
    expect(await post(`/sandbox/chats/${hoa.chatId}/press`, { persona: hoa.key, messageId: 1, data: "x" })).toMatchObject({ error: expect.stringContaining("Zalo has no buttons") });
    await post(`/sandbox/chats/${hoa.chatId}/send`, { persona: hoa.key, text: "1" });
    await expect.poll(async () => (await messages()).map((m) => m.text).join("\n"), { timeout: 45_000 }).toMatch(/Tình trạng thực hiện\?[\s\S]*1\. Chưa triển khai/);
  });
});
